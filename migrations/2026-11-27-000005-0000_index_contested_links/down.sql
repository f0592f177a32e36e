-- squawk-ignore-file require-lock-timeout, require-statement-timeout
DROP INDEX CONCURRENTLY IF EXISTS claim_links_contested_idx;

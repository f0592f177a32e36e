-- Serves contested_claims: links that contradict or deny, by the claim they
-- target. (claim_overview, unverified_claims and verdict_history need nothing new:
-- claims_pkey, claims_unverified_made_at_idx, the per-claim keys of appearances and
-- claim_tags, and verifications_claim_latest_idx serve them.)
-- Built CONCURRENTLY, so a live ledger keeps taking writes; it takes only a
-- SHARE UPDATE EXCLUSIVE lock. A migration of one statement cannot set timeouts.
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
CREATE INDEX CONCURRENTLY IF NOT EXISTS claim_links_contested_idx
    ON claim_links (to_claim_id)
    WHERE relation IN ('contradicts', 'denies');

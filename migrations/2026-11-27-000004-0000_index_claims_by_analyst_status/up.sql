-- Serves analyst_track_record: counts per analyst and status, with the
-- probability for the Brier score, from the index alone.
-- Built CONCURRENTLY, so a live ledger keeps taking writes; it takes only a
-- SHARE UPDATE EXCLUSIVE lock. A migration of one statement cannot set timeouts.
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_analyst_status_idx
    ON claims (analyst_id, status) INCLUDE (probability)
    WHERE retracted_at IS NULL;

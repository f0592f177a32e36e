-- Serves overdue_predictions: unverified predictions by deadline.
-- Built CONCURRENTLY, so a live ledger keeps taking writes; it takes only a
-- SHARE UPDATE EXCLUSIVE lock. A migration of one statement cannot set timeouts.
-- squawk-ignore-file require-lock-timeout, require-statement-timeout
CREATE INDEX CONCURRENTLY IF NOT EXISTS claims_open_predictions_idx
    ON claims (expected_by)
    WHERE status = 'unverified' AND kind = 'prediction' AND retracted_at IS NULL;

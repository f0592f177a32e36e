-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-table, ban-drop-function, ban-drop-column
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP FUNCTION claim_status_as_of(bigint, timestamptz);
ALTER TABLE claims DROP COLUMN hedge;
DROP TRIGGER hedge_terms_audit ON hedge_terms;
DROP TABLE hedge_terms;

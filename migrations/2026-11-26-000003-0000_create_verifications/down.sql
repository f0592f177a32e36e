-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-table, ban-drop-function
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP TRIGGER claims_status_guard ON claims;
DROP FUNCTION claims_guard_status();
DROP TABLE verifications;
DROP FUNCTION claims_refresh_status();
DROP FUNCTION refuse_history_change();

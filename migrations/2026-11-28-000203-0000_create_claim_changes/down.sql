-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-view, ban-drop-column
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE claims DROP COLUMN created_by;
DROP VIEW claim_changes;

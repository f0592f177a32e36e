-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-view, ban-drop-function, ban-drop-column, ban-drop-constraint
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP VIEW verdict_history;
DROP VIEW contested_claims;
DROP VIEW analyst_track_record;
DROP VIEW overdue_predictions;
DROP VIEW unverified_claims;
DROP VIEW claim_overview;
DROP FUNCTION claims_today();
DROP FUNCTION claim_accuracy(double precision, double precision);
ALTER TABLE verdict_statuses DROP CONSTRAINT verdict_statuses_accuracy_weight_range;
ALTER TABLE verdict_statuses DROP COLUMN accuracy_weight;

-- A down migration drops exactly what its up.sql created, and puts back the comments it replaced.
-- squawk-ignore-file ban-drop-function
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP FUNCTION overdue_predictions_as_of(date);
DROP FUNCTION claim_status_as_of(bigint, text);
DROP FUNCTION claim_status_as_of(bigint, date);
DROP FUNCTION claims_end_of_day(date);
COMMENT ON FUNCTION claim_status_as_of(bigint, timestamptz) IS 'What we knew at a moment: the status of the claim''s latest verdict that had both taken effect and been recorded by then, else ''unverified''. claims --as-of DATE asks it for the end of that day (UTC).';
COMMENT ON VIEW overdue_predictions IS 'Unverified predictions whose deadline has passed (before claims_today()), with days overdue. Most overdue first: ORDER BY expected_by, id (served by claims_open_predictions_idx).';

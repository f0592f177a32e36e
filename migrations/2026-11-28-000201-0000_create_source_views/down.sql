-- A down migration drops exactly what its up.sql created, and puts back the comments it replaced.
-- squawk-ignore-file ban-drop-view
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP VIEW publisher_record;
DROP VIEW reported_appearances;
DROP VIEW claim_sources;
COMMENT ON COLUMN claim_overview.source_id IS 'The first source (earliest published, then first recorded) the claim appears in.';
COMMENT ON COLUMN claim_overview.appearance_count IS 'How many appearances (quotes in sources) the claim has.';

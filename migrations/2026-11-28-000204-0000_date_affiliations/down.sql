-- A down migration drops what its up.sql created, but for the extension and its
-- schema: they may have been there before (IF NOT EXISTS), other objects may use
-- them, and an idle btree_gist costs nothing. Drop them by hand if nothing else does:
-- DROP EXTENSION btree_gist; DROP SCHEMA extensions;
-- squawk-ignore-file ban-drop-function, ban-drop-constraint
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP FUNCTION affiliations_on(date);
ALTER TABLE affiliations DROP CONSTRAINT affiliations_no_overlap;
COMMENT ON TABLE affiliations IS 'An analyst''s role at an organization over a period: "President, Scarab Rising, Inc.".';
COMMENT ON COLUMN affiliations.valid_from IS 'First day of the affiliation, if known.';
COMMENT ON COLUMN affiliations.valid_until IS 'Last day of the affiliation, if known; NULL while current or unknown.';

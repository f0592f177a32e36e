-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-table, ban-drop-function, ban-drop-column, ban-drop-constraint
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP TRIGGER claim_tags_audit ON claim_tags;
DROP TRIGGER tags_audit ON tags;
DROP TRIGGER claim_links_audit ON claim_links;
DROP TRIGGER appearances_audit ON appearances;
DROP TRIGGER claims_audit ON claims;
DROP TRIGGER sources_audit ON sources;
DROP TRIGGER affiliations_audit ON affiliations;
DROP TRIGGER analysts_audit ON analysts;
DROP TRIGGER organizations_audit ON organizations;
DROP FUNCTION audit_record();
DROP TABLE audit_log;
ALTER TABLE claims DROP CONSTRAINT claims_retraction_has_reason;
ALTER TABLE claims DROP COLUMN retraction_reason;
ALTER TABLE claims DROP COLUMN retracted_at;

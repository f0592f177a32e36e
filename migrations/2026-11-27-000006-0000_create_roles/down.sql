-- A down migration drops exactly what its up.sql created.
-- squawk-ignore-file ban-drop-function
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP FUNCTION claims_grant(text, text);
-- CREATE on schema public stays revoked from PUBLIC: that is PostgreSQL 15's own
-- default, and handing DDL back to every user is no part of undoing this migration.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM claims_reader, claims_writer;
REVOKE USAGE ON SCHEMA public FROM claims_reader, claims_writer;
-- The roles belong to the whole server: other databases may still use them.
DO $$
BEGIN
    DROP ROLE IF EXISTS claims_reader;
    DROP ROLE IF EXISTS claims_writer;
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE 'kept roles claims_reader and claims_writer: another database still grants them privileges';
END;
$$;

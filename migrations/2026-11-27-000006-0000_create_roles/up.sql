-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Two group roles to hand out with GRANT (claims db grant reader|writer LOGIN).
-- Roles belong to the whole server, so they are created only when missing; a
-- migration user without CREATEROLE can still migrate once an administrator has
-- created them (CREATE ROLE claims_reader NOLOGIN; CREATE ROLE claims_writer NOLOGIN).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claims_reader') THEN
        CREATE ROLE claims_reader NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'claims_writer') THEN
        CREATE ROLE claims_writer NOLOGIN;
    END IF;
END;
$$;
COMMENT ON ROLE claims_reader IS 'Read-only analysts: SELECT on every table and view of the ledger, nothing else.';
COMMENT ON ROLE claims_writer IS 'What the claims CLI needs: read everything, add and edit records, append verdicts; never UPDATE or DELETE verifications or audit_log.';

-- PostgreSQL 15 no longer lets every user create objects in schema public; older
-- servers did: make them agree, so neither role can run DDL there.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO claims_reader, claims_writer;

GRANT SELECT ON
    organizations, analysts, affiliations, sources, claims, appearances, claim_links,
    verdict_statuses, verifications, tags, claim_tags, audit_log,
    claim_overview, unverified_claims, overdue_predictions, analyst_track_record,
    contested_claims, verdict_history
    TO claims_reader, claims_writer;

GRANT INSERT, UPDATE, DELETE ON
    organizations, analysts, affiliations, sources, claims, appearances, claim_links,
    tags, claim_tags
    TO claims_writer;
-- History: append only. audit_log is written by its SECURITY DEFINER trigger alone.
GRANT INSERT ON verifications TO claims_writer;
-- The CLI checks and applies migrations on first use.
GRANT SELECT ON __diesel_schema_migrations TO claims_reader, claims_writer;

CREATE FUNCTION claims_grant(role text, login text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF role NOT IN ('claims_reader', 'claims_writer') THEN
        RAISE EXCEPTION 'unknown role %: use claims_reader or claims_writer', role
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND rolcanlogin)
       OR login IN ('claims_reader', 'claims_writer') THEN
        RAISE EXCEPTION 'no login named % on this server: create it first (CREATE ROLE % LOGIN PASSWORD ...)', login, login
            USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('GRANT %I TO %I', role, login);
END;
$$;
COMMENT ON FUNCTION claims_grant(text, text) IS 'GRANT claims_reader or claims_writer to an existing login, with the names quoted by the server (used by claims db grant).';
REVOKE ALL ON FUNCTION claims_grant(text, text) FROM PUBLIC;

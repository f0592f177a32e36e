-- The index below is on a table this migration creates, still empty, so a plain
-- CREATE INDEX blocks nothing.
-- squawk-ignore-file require-concurrent-index-creation
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Edits keep history: every UPDATE and DELETE of the editable tables is copied
-- into audit_log, and a retracted claim is kept, not deleted.

ALTER TABLE claims ADD COLUMN retracted_at timestamptz;
ALTER TABLE claims ADD COLUMN retraction_reason text;
-- Both columns were added just above and are NULL in every row, so the check
-- holds everywhere and validating it in this transaction rejects nothing.
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE claims ADD CONSTRAINT claims_retraction_has_reason
    CHECK ((retracted_at IS NULL) = (retraction_reason IS NULL));
COMMENT ON COLUMN claims.retracted_at IS 'When the claim was retracted (withdrawn as recorded in error); NULL while it stands. Retracted claims are kept, and hidden from reports and views.';
COMMENT ON COLUMN claims.retraction_reason IS 'Why it was retracted; set exactly when retracted_at is.';

CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    row_key jsonb NOT NULL,
    claim_id bigint,
    operation text NOT NULL,
    old_row jsonb NOT NULL,
    new_row jsonb,
    actor text NOT NULL,
    database_user text NOT NULL DEFAULT session_user,
    changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_operation_check CHECK (operation IN ('UPDATE', 'DELETE')),
    CONSTRAINT audit_log_new_row_check CHECK ((operation = 'DELETE') = (new_row IS NULL))
);
CREATE INDEX audit_log_claim_id_idx ON audit_log (claim_id, changed_at);
-- Links are filed under their from_claim_id; this finds them from the other end.
CREATE INDEX audit_log_link_target_idx ON audit_log (((old_row ->> 'to_claim_id')::bigint))
    WHERE table_name = 'claim_links';
CREATE INDEX audit_log_table_key_idx ON audit_log (table_name, row_key);
COMMENT ON TABLE audit_log IS 'Every UPDATE and DELETE of analysts, affiliations, organizations, sources, claims, appearances, claim_links, tags and claim_tags: the row before and after. Append-only, written by triggers only.';
COMMENT ON COLUMN audit_log.id IS 'Surrogate key; orders changes made in one transaction.';
COMMENT ON COLUMN audit_log.table_name IS 'The table changed.';
COMMENT ON COLUMN audit_log.row_key IS 'The primary key of the changed row, e.g. {"id": 12} or {"claim_id": 3, "tag_id": 7}.';
COMMENT ON COLUMN audit_log.claim_id IS 'The claim the change concerns, when there is one (a claim, its appearances, links from it, its tags): serves `claims history CLAIM`. Not a foreign key: a deleted claim keeps its history.';
COMMENT ON COLUMN audit_log.operation IS 'UPDATE or DELETE.';
COMMENT ON COLUMN audit_log.old_row IS 'The row before the change, as jsonb.';
COMMENT ON COLUMN audit_log.new_row IS 'The row after an UPDATE; NULL for a DELETE.';
COMMENT ON COLUMN audit_log.actor IS 'Who changed it: the CLI user (claims --actor, CLAIMS_ACTOR, else the OS user), passed as the transaction setting claims.actor; else the database session user.';
COMMENT ON COLUMN audit_log.database_user IS 'The database login that made the change (session_user), whatever claims.actor says.';
COMMENT ON COLUMN audit_log.changed_at IS 'When the changing transaction started.';

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- SECURITY DEFINER: writers need no INSERT on audit_log, so they cannot forge entries.
CREATE FUNCTION audit_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    old_row jsonb := to_jsonb(OLD);
    new_row jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(NEW) END;
    -- TG_ARGV is NULL when the trigger has no arguments.
    derived text[] := coalesce(TG_ARGV, '{}');
    key jsonb := '{}';
    key_column text;
BEGIN
    -- SECURITY DEFINER: only for the ledger's own tables (a trigger on a temporary
    -- table of the same name must not write audit rows).
    IF TG_TABLE_SCHEMA <> 'public' THEN
        RAISE EXCEPTION 'audit_record() audits the tables of schema public only'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- Columns named as trigger arguments are derived (claims.status follows the
    -- verdicts, which are history already): a change to them alone is not an edit.
    IF TG_OP = 'UPDATE' AND (old_row - derived) = (new_row - derived) THEN
        RETURN NULL;
    END IF;
    FOR key_column IN
        SELECT a.attname FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
         WHERE i.indrelid = TG_RELID AND i.indisprimary
         ORDER BY a.attnum
    LOOP
        key := key || jsonb_build_object(key_column, old_row -> key_column);
    END LOOP;
    INSERT INTO audit_log (table_name, row_key, claim_id, operation, old_row, new_row, actor)
    VALUES (
        TG_TABLE_NAME,
        key,
        CASE TG_TABLE_NAME
            WHEN 'claims' THEN (old_row ->> 'id')::bigint
            WHEN 'claim_links' THEN (old_row ->> 'from_claim_id')::bigint
            ELSE (old_row ->> 'claim_id')::bigint
        END,
        TG_OP,
        old_row,
        new_row,
        coalesce(nullif(current_setting('claims.actor', true), ''), session_user)
    );
    RETURN NULL;
END;
$$;
REVOKE EXECUTE ON FUNCTION audit_record() FROM PUBLIC;
COMMENT ON FUNCTION audit_record() IS 'Copies the changed row into audit_log; trigger arguments name derived columns whose change alone is not recorded.';

CREATE TRIGGER organizations_audit AFTER UPDATE OR DELETE ON organizations FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER analysts_audit AFTER UPDATE OR DELETE ON analysts FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER affiliations_audit AFTER UPDATE OR DELETE ON affiliations FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER sources_audit AFTER UPDATE OR DELETE ON sources FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER claims_audit AFTER UPDATE OR DELETE ON claims FOR EACH ROW EXECUTE FUNCTION audit_record('status');
CREATE TRIGGER appearances_audit AFTER UPDATE OR DELETE ON appearances FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER claim_links_audit AFTER UPDATE OR DELETE ON claim_links FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER tags_audit AFTER UPDATE OR DELETE ON tags FOR EACH ROW EXECUTE FUNCTION audit_record();
CREATE TRIGGER claim_tags_audit AFTER UPDATE OR DELETE ON claim_tags FOR EACH ROW EXECUTE FUNCTION audit_record();

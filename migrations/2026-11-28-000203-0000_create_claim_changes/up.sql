-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Field-level history without JSON: one row per changed field of every audited
-- UPDATE. And who recorded a claim, which the audit log (edits only) cannot say.

CREATE VIEW claim_changes AS
SELECT l.id AS audit_id,
       l.table_name,
       (l.row_key ->> 'id')::bigint AS row_id,
       l.row_key,
       l.claim_id,
       f.key AS field,
       l.old_row ->> f.key AS old_value,
       l.new_row ->> f.key AS new_value,
       l.actor,
       l.database_user,
       l.changed_at
  FROM audit_log l
 CROSS JOIN LATERAL jsonb_each(l.new_row) AS f (key, value)
 WHERE l.operation = 'UPDATE'
   AND l.old_row -> f.key IS DISTINCT FROM f.value;
COMMENT ON VIEW claim_changes IS 'Every audited edit, one row per changed field: which row of which table, the claim it concerns, the field, its value before and after (as text), who changed it and when. From audit_log UPDATEs; deletions are in audit_log (operation = ''DELETE''). Every change to claim 14''s statement: WHERE claim_id = 14 AND table_name = ''claims'' AND field = ''statement'' ORDER BY changed_at, audit_id.';
COMMENT ON COLUMN claim_changes.audit_id IS 'audit_log.id: orders the changes of one transaction; one edit of several fields gives several rows with the same audit_id.';
COMMENT ON COLUMN claim_changes.table_name IS 'The table changed: claims, appearances, claim_links, claim_tags, sources, analysts, affiliations, organizations, tags or hedge_terms.';
COMMENT ON COLUMN claim_changes.row_id IS 'The changed row''s id; NULL for claim_tags, whose key is row_key.';
COMMENT ON COLUMN claim_changes.row_key IS 'The changed row''s primary key as jsonb, e.g. {"id": 12} or {"claim_id": 3, "tag_id": 7}.';
COMMENT ON COLUMN claim_changes.claim_id IS 'The claim the change concerns (a claim, its appearances, links from it, its tags); NULL for changes to sources, analysts and the other shared tables.';
COMMENT ON COLUMN claim_changes.field IS 'The column changed.';
COMMENT ON COLUMN claim_changes.old_value IS 'Its value before, as text (NULL for SQL NULL).';
COMMENT ON COLUMN claim_changes.new_value IS 'Its value after, as text (NULL for SQL NULL).';
COMMENT ON COLUMN claim_changes.actor IS 'Who changed it (claims.actor: the CLI user), else the database session user.';
COMMENT ON COLUMN claim_changes.database_user IS 'The database login that made the change.';
COMMENT ON COLUMN claim_changes.changed_at IS 'When the changing transaction started.';

GRANT SELECT ON claim_changes TO claims_reader, claims_writer;

-- The column is new, with no default yet, so every existing row gets NULL (recorded
-- before anyone kept track) rather than the name of whoever runs this migration;
-- the default, set afterwards, applies to rows inserted from now on.
ALTER TABLE claims ADD COLUMN created_by text;
ALTER TABLE claims ALTER COLUMN created_by
    SET DEFAULT coalesce(nullif(current_setting('claims.actor', true), ''), session_user);
COMMENT ON COLUMN claims.created_by IS 'Who recorded the claim: the CLI user (claims --actor, CLAIMS_ACTOR, else the OS user, passed as the transaction setting claims.actor), else the database session user; NULL for claims recorded before this was kept. Shown on the recorded line of claims history.';

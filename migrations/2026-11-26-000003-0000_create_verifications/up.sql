-- Every index below is on a table this migration creates, still empty, so a
-- plain CREATE INDEX blocks nothing (and CONCURRENTLY cannot run inside the
-- transaction diesel wraps each migration in).
-- squawk-ignore-file require-concurrent-index-creation
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Verdicts: an append-only event log, and the trigger that keeps claims.status
-- equal to the latest verdict however the verdict was inserted (CLI or plain SQL).

CREATE TABLE verifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE RESTRICT,
    status text NOT NULL REFERENCES verdict_statuses (status) ON DELETE RESTRICT,
    evidence_source_id bigint REFERENCES sources (id) ON DELETE RESTRICT,
    note text,
    recorded_by_analyst_id bigint REFERENCES analysts (id) ON DELETE RESTRICT,
    effective_at timestamptz NOT NULL DEFAULT now(),
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT verifications_status_is_verdict CHECK (status <> 'unverified'),
    CONSTRAINT verifications_note_not_blank CHECK (note IS NULL OR btrim(note) <> ''),
    CONSTRAINT verifications_has_evidence CHECK (evidence_source_id IS NOT NULL OR note IS NOT NULL),
    CONSTRAINT verifications_effective_not_after_recorded CHECK (effective_at <= recorded_at)
);
-- Serves "latest verdict of a claim" (the status trigger, `claims show`).
CREATE INDEX verifications_claim_latest_idx ON verifications (claim_id, effective_at DESC, recorded_at DESC, id DESC);
CREATE INDEX verifications_evidence_source_id_idx ON verifications (evidence_source_id);
CREATE INDEX verifications_recorded_by_analyst_id_idx ON verifications (recorded_by_analyst_id);
CREATE INDEX verifications_status_idx ON verifications (status);
COMMENT ON TABLE verifications IS 'Verdicts: what a reviewer concluded about a claim, when, on what evidence. Append-only: UPDATE, DELETE and TRUNCATE are refused; a correction is a new verdict.';
COMMENT ON COLUMN verifications.id IS 'Surrogate key; also breaks ties between verdicts with equal effective_at and recorded_at.';
COMMENT ON COLUMN verifications.claim_id IS 'The claim judged. A claim with verdicts cannot be deleted.';
COMMENT ON COLUMN verifications.status IS 'The verdict (verdict_statuses.status, never ''unverified'').';
COMMENT ON COLUMN verifications.evidence_source_id IS 'The source that settles it. Every verdict has evidence: this source, a note, or both.';
COMMENT ON COLUMN verifications.note IS 'The reasoning or evidence in words.';
COMMENT ON COLUMN verifications.recorded_by_analyst_id IS 'Who reached the verdict, if recorded.';
COMMENT ON COLUMN verifications.effective_at IS 'When the outcome became known (e.g. the day the summit took place); never after recorded_at. The latest verdict is the one with the latest effective_at.';
COMMENT ON COLUMN verifications.recorded_at IS 'When the verdict was entered; breaks ties between equal effective_at.';

CREATE FUNCTION refuse_history_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'history is never rewritten; a correction is a new row (claims verify CLAIM --status S --note "corrects verdict N")';
END;
$$;
COMMENT ON FUNCTION refuse_history_change() IS 'Refuses UPDATE, DELETE and TRUNCATE on append-only history tables.';

CREATE TRIGGER verifications_append_only
    BEFORE UPDATE OR DELETE ON verifications
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER verifications_no_truncate
    BEFORE TRUNCATE ON verifications
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION claims_refresh_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Lock the claim first: under READ COMMITTED the next statement then sees
    -- verdicts committed by concurrent writers, so the last writer cannot
    -- overwrite a later verdict with an earlier one. NO KEY UPDATE, because
    -- every concurrent writer already holds the KEY SHARE lock of the
    -- verifications foreign key; FOR UPDATE would deadlock against it.
    PERFORM 1 FROM claims WHERE id = NEW.claim_id FOR NO KEY UPDATE;
    UPDATE claims
       SET status = latest.status
      FROM (SELECT v.status
              FROM verifications v
             WHERE v.claim_id = NEW.claim_id
             ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC
             LIMIT 1) AS latest
     WHERE claims.id = NEW.claim_id
       AND claims.status IS DISTINCT FROM latest.status;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION claims_refresh_status() IS 'Sets claims.status to the status of the claim''s latest verification.';

CREATE TRIGGER verifications_refresh_claim_status
    AFTER INSERT ON verifications
    FOR EACH ROW EXECUTE FUNCTION claims_refresh_status();

CREATE FUNCTION claims_guard_status() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    latest text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN
        RETURN NEW;
    END IF;
    -- The status may only ever be the latest verdict's (a new claim has none), whoever
    -- sets it: claims_refresh_status does, anything else is refused.
    SELECT v.status INTO latest FROM verifications v
     WHERE v.claim_id = NEW.id
     ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC
     LIMIT 1;
    IF NEW.status IS DISTINCT FROM coalesce(latest, 'unverified') THEN
        RAISE EXCEPTION 'claims.status is derived from verifications and cannot be set directly'
            USING ERRCODE = 'check_violation',
                  HINT = 'insert a row into verifications (claims verify CLAIM --status S)';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION claims_guard_status() IS 'Refuses setting claims.status other than through a verification.';

CREATE TRIGGER claims_status_guard
    BEFORE INSERT OR UPDATE OF status ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_guard_status();

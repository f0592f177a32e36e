-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Views that answer the common questions without knowing the joins (SPEC §5).
-- All of them leave out retracted claims; the tables keep everything.

ALTER TABLE verdict_statuses ADD COLUMN accuracy_weight double precision;
COMMENT ON COLUMN verdict_statuses.accuracy_weight IS 'How right a claim with this status was, 0..1: confirmed 1, mostly_true 0.75, mixed 0.5, misleading 0.25, refuted 0. NULL for statuses that settle nothing (unverifiable, unverified). See claim_accuracy(); the Brier score compares a claim''s probability with this weight.';
UPDATE verdict_statuses SET accuracy_weight = CASE status
    WHEN 'confirmed' THEN 1.0
    WHEN 'mostly_true' THEN 0.75
    WHEN 'mixed' THEN 0.5
    WHEN 'misleading' THEN 0.25
    WHEN 'refuted' THEN 0.0
END;
-- The column is new and was filled just above; a plain CHECK scans a seven-row table.
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE verdict_statuses ADD CONSTRAINT verdict_statuses_accuracy_weight_range
    CHECK (accuracy_weight BETWEEN 0 AND 1);

CREATE FUNCTION claim_accuracy(weight double precision, probability double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN probability < 0.5 THEN 1 - weight ELSE weight END
$$;
COMMENT ON FUNCTION claim_accuracy(double precision, double precision) IS 'How right the analyst was about a settled claim, 0..1: the status''s accuracy_weight, or 1 - weight when the analyst gave the claim less than even odds (a prediction called "unlikely" that was refuted was called right). NULL when the status settles nothing.';

CREATE FUNCTION claims_today() RETURNS date
LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('claims.today', true), '')::date,
                    (now() AT TIME ZONE 'UTC')::date)
$$;
COMMENT ON FUNCTION claims_today() IS 'Today for deadlines and ages: the setting claims.today (YYYY-MM-DD) when set, so a report can be reproduced (SET claims.today = ''2023-10-01''); else today in UTC, as the CLI counts.';

CREATE VIEW claim_overview AS
SELECT c.id,
       c.statement,
       c.kind,
       c.status,
       vs.label AS status_label,
       a.id AS analyst_id,
       a.name AS analyst_name,
       a.kind AS analyst_kind,
       c.made_at,
       c.expected_by,
       c.probability,
       first_source.id AS source_id,
       first_source.title AS source_title,
       first_source.url AS source_url,
       first_source.publisher AS source_publisher,
       first_source.published_on AS source_published_on,
       (SELECT count(*) FROM appearances ap WHERE ap.claim_id = c.id) AS appearance_count,
       ARRAY(SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
              WHERE ct.claim_id = c.id ORDER BY t.name) AS tags,
       latest.effective_at AS verdict_effective_at,
       latest.recorded_at AS verdict_recorded_at,
       c.created_at
  FROM claims c
  JOIN analysts a ON a.id = c.analyst_id
  JOIN verdict_statuses vs ON vs.status = c.status
  LEFT JOIN LATERAL (
        SELECT s.id, s.title, s.url, s.publisher, s.published_on
          FROM appearances ap JOIN sources s ON s.id = ap.source_id
         WHERE ap.claim_id = c.id
         ORDER BY s.published_on NULLS LAST, ap.id
         LIMIT 1) AS first_source ON true
  LEFT JOIN LATERAL (
        SELECT v.effective_at, v.recorded_at
          FROM verifications v
         WHERE v.claim_id = c.id
         ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC
         LIMIT 1) AS latest ON true
 WHERE c.retracted_at IS NULL;
COMMENT ON VIEW claim_overview IS 'One row per claim (retracted ones left out): statement, current status, analyst, dates, the first source, how often it appeared, tags, and when its latest verdict took effect.';
COMMENT ON COLUMN claim_overview.id IS 'claims.id';
COMMENT ON COLUMN claim_overview.statement IS 'The claim as a neutral sentence.';
COMMENT ON COLUMN claim_overview.kind IS 'fact, prediction or assessment.';
COMMENT ON COLUMN claim_overview.status IS 'Current status: the latest verdict''s, or unverified.';
COMMENT ON COLUMN claim_overview.status_label IS 'verdict_statuses.label of status.';
COMMENT ON COLUMN claim_overview.analyst_id IS 'Who made the claim (analysts.id).';
COMMENT ON COLUMN claim_overview.analyst_name IS 'analysts.name';
COMMENT ON COLUMN claim_overview.analyst_kind IS 'person, organization, group or unattributed.';
COMMENT ON COLUMN claim_overview.made_at IS 'Day the claim was made, if known.';
COMMENT ON COLUMN claim_overview.expected_by IS 'Predictions: the deadline.';
COMMENT ON COLUMN claim_overview.probability IS 'Stated or inferred probability, 0..1.';
COMMENT ON COLUMN claim_overview.source_id IS 'The first source (earliest published, then first recorded) the claim appears in.';
COMMENT ON COLUMN claim_overview.source_title IS 'Title of the first source.';
COMMENT ON COLUMN claim_overview.source_url IS 'URL of the first source.';
COMMENT ON COLUMN claim_overview.source_publisher IS 'Publisher of the first source.';
COMMENT ON COLUMN claim_overview.source_published_on IS 'Publication day of the first source.';
COMMENT ON COLUMN claim_overview.appearance_count IS 'How many appearances (quotes in sources) the claim has.';
COMMENT ON COLUMN claim_overview.tags IS 'Tag names, sorted.';
COMMENT ON COLUMN claim_overview.verdict_effective_at IS 'When the latest verdict took effect; NULL while unverified.';
COMMENT ON COLUMN claim_overview.verdict_recorded_at IS 'When the latest verdict was recorded.';
COMMENT ON COLUMN claim_overview.created_at IS 'When the claim was recorded.';

CREATE VIEW unverified_claims AS
SELECT * FROM claim_overview WHERE status = 'unverified';
COMMENT ON VIEW unverified_claims IS 'claim_overview rows with no verdict: the work list (ORDER BY made_at NULLS LAST, id for oldest first; served by claims_unverified_made_at_idx).';
COMMENT ON COLUMN unverified_claims.id IS 'claims.id';
COMMENT ON COLUMN unverified_claims.statement IS 'The claim as a neutral sentence.';
COMMENT ON COLUMN unverified_claims.kind IS 'fact, prediction or assessment.';
COMMENT ON COLUMN unverified_claims.status IS 'Always unverified.';
COMMENT ON COLUMN unverified_claims.status_label IS 'verdict_statuses.label of status.';
COMMENT ON COLUMN unverified_claims.analyst_id IS 'Who made the claim (analysts.id).';
COMMENT ON COLUMN unverified_claims.analyst_name IS 'analysts.name';
COMMENT ON COLUMN unverified_claims.analyst_kind IS 'person, organization, group or unattributed.';
COMMENT ON COLUMN unverified_claims.made_at IS 'Day the claim was made, if known.';
COMMENT ON COLUMN unverified_claims.expected_by IS 'Predictions: the deadline.';
COMMENT ON COLUMN unverified_claims.probability IS 'Stated or inferred probability, 0..1.';
COMMENT ON COLUMN unverified_claims.source_id IS 'The first source the claim appears in.';
COMMENT ON COLUMN unverified_claims.source_title IS 'Title of the first source.';
COMMENT ON COLUMN unverified_claims.source_url IS 'URL of the first source.';
COMMENT ON COLUMN unverified_claims.source_publisher IS 'Publisher of the first source.';
COMMENT ON COLUMN unverified_claims.source_published_on IS 'Publication day of the first source.';
COMMENT ON COLUMN unverified_claims.appearance_count IS 'How many appearances the claim has.';
COMMENT ON COLUMN unverified_claims.tags IS 'Tag names, sorted.';
COMMENT ON COLUMN unverified_claims.verdict_effective_at IS 'Always NULL here.';
COMMENT ON COLUMN unverified_claims.verdict_recorded_at IS 'Always NULL here.';
COMMENT ON COLUMN unverified_claims.created_at IS 'When the claim was recorded.';

CREATE VIEW overdue_predictions AS
SELECT o.*, claims_today() - o.expected_by AS days_overdue
  FROM claim_overview o
 WHERE o.kind = 'prediction' AND o.status = 'unverified' AND o.expected_by < claims_today();
COMMENT ON VIEW overdue_predictions IS 'Unverified predictions whose deadline has passed (before claims_today()), with days overdue. Most overdue first: ORDER BY expected_by, id (served by claims_open_predictions_idx).';
COMMENT ON COLUMN overdue_predictions.id IS 'claims.id';
COMMENT ON COLUMN overdue_predictions.statement IS 'The prediction as a neutral sentence.';
COMMENT ON COLUMN overdue_predictions.kind IS 'Always prediction.';
COMMENT ON COLUMN overdue_predictions.status IS 'Always unverified.';
COMMENT ON COLUMN overdue_predictions.status_label IS 'verdict_statuses.label of status.';
COMMENT ON COLUMN overdue_predictions.analyst_id IS 'Who made it (analysts.id).';
COMMENT ON COLUMN overdue_predictions.analyst_name IS 'analysts.name';
COMMENT ON COLUMN overdue_predictions.analyst_kind IS 'person, organization, group or unattributed.';
COMMENT ON COLUMN overdue_predictions.made_at IS 'Day it was made, if known.';
COMMENT ON COLUMN overdue_predictions.expected_by IS 'The deadline that has passed.';
COMMENT ON COLUMN overdue_predictions.probability IS 'Stated or inferred probability, 0..1.';
COMMENT ON COLUMN overdue_predictions.source_id IS 'The first source it appears in.';
COMMENT ON COLUMN overdue_predictions.source_title IS 'Title of the first source.';
COMMENT ON COLUMN overdue_predictions.source_url IS 'URL of the first source.';
COMMENT ON COLUMN overdue_predictions.source_publisher IS 'Publisher of the first source.';
COMMENT ON COLUMN overdue_predictions.source_published_on IS 'Publication day of the first source.';
COMMENT ON COLUMN overdue_predictions.appearance_count IS 'How many appearances it has.';
COMMENT ON COLUMN overdue_predictions.tags IS 'Tag names, sorted.';
COMMENT ON COLUMN overdue_predictions.verdict_effective_at IS 'Always NULL here.';
COMMENT ON COLUMN overdue_predictions.verdict_recorded_at IS 'Always NULL here.';
COMMENT ON COLUMN overdue_predictions.created_at IS 'When it was recorded.';
COMMENT ON COLUMN overdue_predictions.days_overdue IS 'Days since expected_by, counted to claims_today().';

-- Claims are first counted per (analyst, status) straight from the covering index
-- claims_analyst_status_idx (count, sum of p, sum of p², count of p < 0.5), so the
-- per-analyst figures need no pass over each claim: the Brier sum over a status with
-- weight w is sum(p²) - 2·w·sum(p) + w²·count(p).
CREATE VIEW analyst_track_record AS
WITH per_status AS (
    SELECT c.analyst_id, c.status,
           count(*) AS n,
           count(c.probability) AS n_p,
           sum(c.probability) AS sum_p,
           sum(c.probability * c.probability) AS sum_p2,
           count(*) FILTER (WHERE c.probability < 0.5) AS n_low
      FROM claims c
     WHERE c.retracted_at IS NULL
     GROUP BY c.analyst_id, c.status
)
SELECT a.id AS analyst_id,
       a.name AS analyst_name,
       a.kind AS analyst_kind,
       coalesce(sum(ps.n), 0)::bigint AS claims_made,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'confirmed'), 0)::bigint AS confirmed,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'mostly_true'), 0)::bigint AS mostly_true,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'mixed'), 0)::bigint AS mixed,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'misleading'), 0)::bigint AS misleading,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'refuted'), 0)::bigint AS refuted,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'unverifiable'), 0)::bigint AS unverifiable,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'unverified'), 0)::bigint AS unverified,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0)::bigint AS settled,
       (sum(ps.n_low * claim_accuracy(vs.accuracy_weight, 0)
            + (ps.n - ps.n_low) * claim_accuracy(vs.accuracy_weight, 1))
           / nullif(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0))::double precision AS accuracy,
       coalesce(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0)::bigint AS scored,
       (sum(ps.sum_p2 - 2 * vs.accuracy_weight * ps.sum_p + vs.accuracy_weight ^ 2 * ps.n_p)
           FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.n_p > 0)
           / nullif(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0))::double precision AS brier_score
  FROM analysts a
  LEFT JOIN per_status ps ON ps.analyst_id = a.id
  LEFT JOIN verdict_statuses vs ON vs.status = ps.status
 GROUP BY a.id, a.name, a.kind;
COMMENT ON VIEW analyst_track_record IS 'Per analyst: claims made, how many ended in each status, accuracy over settled claims (mean claim_accuracy(): the status weight, reversed for claims given less than even odds) and the Brier score over settled claims that carry a probability (mean of (probability - accuracy_weight)^2; 0 is perfect, lower is better).';
COMMENT ON COLUMN analyst_track_record.analyst_id IS 'analysts.id';
COMMENT ON COLUMN analyst_track_record.analyst_name IS 'analysts.name';
COMMENT ON COLUMN analyst_track_record.analyst_kind IS 'person, organization, group or unattributed.';
COMMENT ON COLUMN analyst_track_record.claims_made IS 'Claims by this analyst (retracted ones left out).';
COMMENT ON COLUMN analyst_track_record.confirmed IS 'Claims whose status is confirmed.';
COMMENT ON COLUMN analyst_track_record.mostly_true IS 'Claims whose status is mostly_true.';
COMMENT ON COLUMN analyst_track_record.mixed IS 'Claims whose status is mixed.';
COMMENT ON COLUMN analyst_track_record.misleading IS 'Claims whose status is misleading.';
COMMENT ON COLUMN analyst_track_record.refuted IS 'Claims whose status is refuted.';
COMMENT ON COLUMN analyst_track_record.unverifiable IS 'Claims reviewed but found unverifiable.';
COMMENT ON COLUMN analyst_track_record.unverified IS 'Claims with no verdict yet (pending).';
COMMENT ON COLUMN analyst_track_record.settled IS 'Claims whose status has an accuracy weight (confirmed … refuted).';
COMMENT ON COLUMN analyst_track_record.accuracy IS 'Mean claim_accuracy() over settled claims, 0..1; NULL with none settled.';
COMMENT ON COLUMN analyst_track_record.scored IS 'Settled claims that carry a probability: the sample of the Brier score.';
COMMENT ON COLUMN analyst_track_record.brier_score IS 'Mean of (probability - accuracy weight)^2 over scored claims, 0..1, lower is better; NULL with none scored.';

CREATE VIEW contested_claims AS
SELECT l.id AS link_id,
       l.relation,
       target.id AS claim_id,
       target.statement AS claim_statement,
       target_analyst.name AS claim_analyst,
       target.status AS claim_status,
       challenger.id AS challenger_id,
       challenger.statement AS challenger_statement,
       challenger_analyst.name AS challenger_analyst,
       challenger.status AS challenger_status,
       l.note,
       (l.relation = 'denies' AND target.status IN ('confirmed', 'mostly_true')) AS denied_but_confirmed
  FROM claim_links l
  JOIN claims target ON target.id = l.to_claim_id
  JOIN analysts target_analyst ON target_analyst.id = target.analyst_id
  JOIN claims challenger ON challenger.id = l.from_claim_id
  JOIN analysts challenger_analyst ON challenger_analyst.id = challenger.analyst_id
 WHERE l.relation IN ('contradicts', 'denies')
   AND target.retracted_at IS NULL
   AND challenger.retracted_at IS NULL;
COMMENT ON VIEW contested_claims IS 'Claims that another claim contradicts or denies, with the status of both sides. denied_but_confirmed flags a denial of what turned out true.';
COMMENT ON COLUMN contested_claims.link_id IS 'claim_links.id';
COMMENT ON COLUMN contested_claims.relation IS 'contradicts or denies.';
COMMENT ON COLUMN contested_claims.claim_id IS 'The contested claim.';
COMMENT ON COLUMN contested_claims.claim_statement IS 'Its statement.';
COMMENT ON COLUMN contested_claims.claim_analyst IS 'Who made it.';
COMMENT ON COLUMN contested_claims.claim_status IS 'Its current status.';
COMMENT ON COLUMN contested_claims.challenger_id IS 'The claim that contradicts or denies it.';
COMMENT ON COLUMN contested_claims.challenger_statement IS 'Its statement.';
COMMENT ON COLUMN contested_claims.challenger_analyst IS 'Who made it.';
COMMENT ON COLUMN contested_claims.challenger_status IS 'Its current status.';
COMMENT ON COLUMN contested_claims.note IS 'The link''s note.';
COMMENT ON COLUMN contested_claims.denied_but_confirmed IS 'True when the claim was denied and is now confirmed or mostly true.';

CREATE VIEW verdict_history AS
SELECT v.id AS verification_id,
       v.claim_id,
       c.statement AS claim_statement,
       v.status,
       vs.label AS status_label,
       v.evidence_source_id,
       s.title AS evidence_title,
       s.url AS evidence_url,
       v.note,
       recorder.name AS recorded_by,
       v.effective_at,
       v.recorded_at
  FROM verifications v
  JOIN claims c ON c.id = v.claim_id
  JOIN verdict_statuses vs ON vs.status = v.status
  LEFT JOIN sources s ON s.id = v.evidence_source_id
  LEFT JOIN analysts recorder ON recorder.id = v.recorded_by_analyst_id
 WHERE c.retracted_at IS NULL;
COMMENT ON VIEW verdict_history IS 'Every verdict with its claim, status label, evidence, recorder, and effective and recorded times (retracted claims left out).';
COMMENT ON COLUMN verdict_history.verification_id IS 'verifications.id';
COMMENT ON COLUMN verdict_history.claim_id IS 'The claim judged.';
COMMENT ON COLUMN verdict_history.claim_statement IS 'Its statement.';
COMMENT ON COLUMN verdict_history.status IS 'The verdict.';
COMMENT ON COLUMN verdict_history.status_label IS 'verdict_statuses.label of status.';
COMMENT ON COLUMN verdict_history.evidence_source_id IS 'The evidence source, if any.';
COMMENT ON COLUMN verdict_history.evidence_title IS 'Its title.';
COMMENT ON COLUMN verdict_history.evidence_url IS 'Its URL.';
COMMENT ON COLUMN verdict_history.note IS 'The evidence in words.';
COMMENT ON COLUMN verdict_history.recorded_by IS 'Name of the analyst who reached the verdict, if recorded.';
COMMENT ON COLUMN verdict_history.effective_at IS 'When the outcome became known.';
COMMENT ON COLUMN verdict_history.recorded_at IS 'When the verdict was entered.';

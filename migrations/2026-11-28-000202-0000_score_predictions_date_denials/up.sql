-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Two views that invited a wrong reading, redefined in place. CREATE OR REPLACE
-- VIEW keeps every existing column (same name, type and position), their comments,
-- the grants and anything that depends on the views; new columns are appended.
--
-- analyst_track_record: what changed
--   brier_score and scored now count predictions only (before: every settled claim
--   with a probability, so a confirmed assessment given 1.0 scored a perfect 0 and
--   an outlet's "track record" looked calibrated); accuracy is unchanged (all kinds).
--   New columns: settled_facts, settled_predictions, settled_assessments.
-- contested_claims: what changed
--   denied_but_confirmed now means status confirmed only (before: also mostly_true).
--   New columns: denied_but_mostly_true (what the old flag also counted), denied_at
--   (the day the denial was made) and verdict_effective_at (the day the contested
--   claim's latest verdict took effect), so "denied, then confirmed later" is
--   WHERE denied_but_confirmed AND verdict_effective_at > denied_at.

-- Counted per (analyst, kind, status) first: count, sum of p, sum of p², count of
-- p < 0.5, so the per-analyst figures need no pass over each claim (the Brier sum
-- over a status with weight w is sum(p²) - 2·w·sum(p) + w²·count(p)).
CREATE OR REPLACE VIEW analyst_track_record AS
WITH per_status AS (
    SELECT c.analyst_id, c.kind, c.status,
           count(*) AS n,
           count(c.probability) AS n_p,
           sum(c.probability) AS sum_p,
           sum(c.probability * c.probability) AS sum_p2,
           count(*) FILTER (WHERE c.probability < 0.5) AS n_low
      FROM claims c
     WHERE c.retracted_at IS NULL
     GROUP BY c.analyst_id, c.kind, c.status
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
       coalesce(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'prediction'), 0)::bigint AS scored,
       (sum(ps.sum_p2 - 2 * vs.accuracy_weight * ps.sum_p + vs.accuracy_weight ^ 2 * ps.n_p)
           FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'prediction' AND ps.n_p > 0)
           / nullif(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'prediction'), 0))::double precision AS brier_score,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'fact'), 0)::bigint AS settled_facts,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'prediction'), 0)::bigint AS settled_predictions,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.kind = 'assessment'), 0)::bigint AS settled_assessments
  FROM analysts a
  LEFT JOIN per_status ps ON ps.analyst_id = a.id
  LEFT JOIN verdict_statuses vs ON vs.status = ps.status
 GROUP BY a.id, a.name, a.kind;
COMMENT ON VIEW analyst_track_record IS 'Per analyst: claims made, how many ended in each status, settled claims per kind, accuracy over settled claims of every kind (mean claim_accuracy(): the status weight, reversed for claims given less than even odds) and the Brier score over settled predictions that carry a probability (mean of (probability - accuracy_weight)^2; 0 is perfect, lower is better).';
COMMENT ON COLUMN analyst_track_record.settled IS 'Claims whose status has an accuracy weight (confirmed … refuted), of every kind: settled_facts + settled_predictions + settled_assessments.';
COMMENT ON COLUMN analyst_track_record.scored IS 'Settled predictions that carry a probability: the sample of the Brier score. Facts and assessments are not scored.';
COMMENT ON COLUMN analyst_track_record.brier_score IS 'Mean of (probability - accuracy weight)^2 over scored predictions, 0..1, lower is better; NULL with none scored. Predictions only: a fact or assessment given a probability is not a forecast.';
COMMENT ON COLUMN analyst_track_record.settled_facts IS 'Settled claims of kind fact.';
COMMENT ON COLUMN analyst_track_record.settled_predictions IS 'Settled claims of kind prediction.';
COMMENT ON COLUMN analyst_track_record.settled_assessments IS 'Settled claims of kind assessment.';

CREATE OR REPLACE VIEW contested_claims AS
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
       (l.relation = 'denies' AND target.status = 'confirmed') AS denied_but_confirmed,
       (l.relation = 'denies' AND target.status = 'mostly_true') AS denied_but_mostly_true,
       CASE WHEN l.relation = 'denies' THEN challenger.made_at END AS denied_at,
       (latest.effective_at AT TIME ZONE 'UTC')::date AS verdict_effective_at
  FROM claim_links l
  JOIN claims target ON target.id = l.to_claim_id
  JOIN analysts target_analyst ON target_analyst.id = target.analyst_id
  JOIN claims challenger ON challenger.id = l.from_claim_id
  JOIN analysts challenger_analyst ON challenger_analyst.id = challenger.analyst_id
  LEFT JOIN LATERAL (
        SELECT v.effective_at
          FROM verifications v
         WHERE v.claim_id = target.id
         ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC
         LIMIT 1) AS latest ON true
 WHERE l.relation IN ('contradicts', 'denies')
   AND target.retracted_at IS NULL
   AND challenger.retracted_at IS NULL;
COMMENT ON VIEW contested_claims IS 'Claims that another claim contradicts or denies, with the status of both sides. denied_but_confirmed flags a denial of what turned out true (confirmed; denied_but_mostly_true for mostly_true); denied_at and verdict_effective_at are days, so denied and later confirmed is WHERE denied_but_confirmed AND verdict_effective_at > denied_at.';
COMMENT ON COLUMN contested_claims.denied_but_confirmed IS 'True when the link is a denial and the claim''s status is now confirmed (mostly_true is not counted: see denied_but_mostly_true).';
COMMENT ON COLUMN contested_claims.denied_but_mostly_true IS 'True when the link is a denial and the claim''s status is now mostly_true.';
COMMENT ON COLUMN contested_claims.denied_at IS 'For a denial: the day the denial was made (the denying claim''s made_at), if known; NULL for contradicts.';
COMMENT ON COLUMN contested_claims.verdict_effective_at IS 'The day (UTC) the contested claim''s latest verdict took effect, the verdict that gives claim_status; NULL while unverified.';

-- Puts back the views as 2026-11-27-000002 defined them. A view cannot lose columns
-- in place, so both are dropped and created again, with their comments and grants.
-- squawk-ignore-file ban-drop-view
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

DROP VIEW contested_claims;
DROP VIEW analyst_track_record;

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

GRANT SELECT ON analyst_track_record, contested_claims TO claims_reader, claims_writer;

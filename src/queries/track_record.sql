-- claims report analysts: one row per analyst with claims in scope.
-- Accuracy is claim_accuracy() and Brier uses verdict_statuses.accuracy_weight
-- (docs/database.md); both from per-status sums, as in the view analyst_track_record.
-- $5 minimum settled claims, $6 limit.
WITH scope AS {materialized} ({scope}),
-- Counted per (analyst, status) first (see the view analyst_track_record).
per_status AS (
    SELECT s.analyst_id, s.status,
           count(*) AS n,
           count(s.probability) AS n_p,
           sum(s.probability) AS sum_p,
           sum(s.probability * s.probability) AS sum_p2,
           count(*) FILTER (WHERE s.probability < 0.5) AS n_low
      FROM scope s
     GROUP BY s.analyst_id, s.status
)
SELECT a.id AS analyst_id,
       a.name AS analyst,
       a.kind AS analyst_kind,
       sum(ps.n)::bigint AS claims,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'confirmed'), 0)::bigint AS confirmed,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'refuted'), 0)::bigint AS refuted,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL
                                    AND ps.status NOT IN ('confirmed', 'refuted')), 0)::bigint AS other_settled,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'unverifiable'), 0)::bigint AS unverifiable,
       coalesce(sum(ps.n) FILTER (WHERE ps.status = 'unverified'), 0)::bigint AS pending,
       coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0)::bigint AS settled,
       (sum(ps.n_low * claim_accuracy(vs.accuracy_weight, 0)
            + (ps.n - ps.n_low) * claim_accuracy(vs.accuracy_weight, 1))
           / nullif(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0))::double precision AS accuracy,
       coalesce(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0)::bigint AS scored,
       (sum(ps.sum_p2 - 2 * vs.accuracy_weight * ps.sum_p + vs.accuracy_weight ^ 2 * ps.n_p)
           FILTER (WHERE vs.accuracy_weight IS NOT NULL AND ps.n_p > 0)
           / nullif(sum(ps.n_p) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0))::double precision AS brier
  FROM per_status ps
  JOIN analysts a ON a.id = ps.analyst_id
  JOIN verdict_statuses vs ON vs.status = ps.status
 GROUP BY a.id, a.name, a.kind
HAVING coalesce(sum(ps.n) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0) >= $5
 ORDER BY {sort}
 LIMIT $6

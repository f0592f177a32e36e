-- claims report analysts: one row per analyst with claims in scope.
-- Accuracy is claim_accuracy() and Brier uses verdict_statuses.accuracy_weight
-- (docs/database.md).
-- $5 minimum settled claims, $6 limit.
WITH scope AS MATERIALIZED ({scope})
SELECT a.id AS analyst_id,
       a.name AS analyst,
       a.kind AS analyst_kind,
       count(*) AS claims,
       count(*) FILTER (WHERE s.status = 'confirmed') AS confirmed,
       count(*) FILTER (WHERE s.status = 'refuted') AS refuted,
       count(*) FILTER (WHERE vs.accuracy_weight IS NOT NULL
                          AND s.status NOT IN ('confirmed', 'refuted')) AS other_settled,
       count(*) FILTER (WHERE s.status = 'unverifiable') AS unverifiable,
       count(*) FILTER (WHERE s.status = 'unverified') AS pending,
       count(vs.accuracy_weight) AS settled,
       avg(claim_accuracy(vs.accuracy_weight, s.probability)) AS accuracy,
       count(*) FILTER (WHERE vs.accuracy_weight IS NOT NULL AND s.probability IS NOT NULL) AS scored,
       avg((s.probability - vs.accuracy_weight) ^ 2) AS brier
  FROM scope s
  JOIN analysts a ON a.id = s.analyst_id
  JOIN verdict_statuses vs ON vs.status = s.status
 GROUP BY a.id, a.name, a.kind
HAVING count(vs.accuracy_weight) >= $5
 ORDER BY {sort}
 LIMIT $6

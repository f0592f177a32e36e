-- claims report summary: one row per fact; section, key, value, and the claim it
-- names (for the oldest unverified claim and the next deadlines).
-- $5 today, $6 how many deadlines.
WITH scope AS {materialized} ({scope}),
counted AS (
    SELECT 'status' AS section, vs.status AS key, count(s.id)::text AS value,
           NULL::bigint AS claim_id, vs.rating_value AS ord
      FROM verdict_statuses vs LEFT JOIN scope s ON s.status = vs.status
     GROUP BY vs.status, vs.rating_value
    UNION ALL
    SELECT 'kind', k.kind, count(s.id)::text, NULL, NULL
      FROM (VALUES ('fact'), ('prediction'), ('assessment')) AS k (kind)
      LEFT JOIN scope s ON s.kind = k.kind
     GROUP BY k.kind
),
oldest AS (
    SELECT 'oldest_unverified' AS section, coalesce(s.made_at::text, 'undated') AS key,
           c.statement AS value, s.id AS claim_id
      FROM scope s JOIN claims c ON c.id = s.id
     WHERE s.status = 'unverified'
     ORDER BY s.made_at NULLS LAST, s.id
     LIMIT 1
),
next_deadlines AS (
    SELECT 'next_deadline' AS section, s.expected_by::text AS key, c.statement AS value,
           s.id AS claim_id
      FROM scope s JOIN claims c ON c.id = s.id
     WHERE s.status = 'unverified' AND s.kind = 'prediction' AND s.expected_by >= $5::date
     ORDER BY s.expected_by, s.id
     LIMIT $6
),
overdue AS (
    SELECT 'overdue' AS section, 'predictions' AS key, count(*)::text AS value, NULL::bigint AS claim_id
      FROM scope s
     WHERE s.status = 'unverified' AND s.kind = 'prediction' AND s.expected_by < $5::date
)
SELECT section, key, value, claim_id FROM (
    SELECT section, key, value, claim_id, 1 AS part, ord AS ord1, key AS ord2 FROM counted
    UNION ALL SELECT section, key, value, claim_id, 2, NULL, NULL FROM oldest
    UNION ALL SELECT section, key, value, claim_id, 3, NULL, NULL FROM overdue
    UNION ALL SELECT section, key, value, claim_id, 4, NULL, key FROM next_deadlines
) AS facts
ORDER BY part, section, ord1 DESC NULLS LAST, ord2

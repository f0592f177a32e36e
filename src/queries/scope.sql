-- The claims a report counts: not retracted (then, with --as-of; unless
-- --include-retracted), made within --since/--until, not made after --as-of,
-- optionally one analyst's; with the status they had then. Used as a MATERIALIZED
-- CTE, so the status is computed once per claim.
-- $1 since, $2 until (date), $3 as-of (timestamptz), $4 analyst id.
SELECT c.id, c.analyst_id, c.kind, c.probability, c.made_at, c.expected_by, {status} AS status
  FROM claims c
 WHERE {retracted}
   AND ($1::date IS NULL OR c.made_at >= $1::date)
   AND ($2::date IS NULL OR c.made_at <= $2::date)
   AND ($3::timestamptz IS NULL OR c.made_at IS NULL OR c.made_at <= ($3::timestamptz AT TIME ZONE 'UTC')::date)
   AND ($4::bigint IS NULL OR c.analyst_id = $4::bigint)

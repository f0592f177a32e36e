-- Every verdict with its evidence, latest outcome first.
SELECT (effective_at AT TIME ZONE 'UTC')::date AS effective, status_label, claim_statement, note
  FROM verdict_history
 ORDER BY effective_at DESC, claim_statement

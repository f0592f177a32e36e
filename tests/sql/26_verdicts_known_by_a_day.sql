-- Which verdicts did we know by the end of 13 September 2023? In a query of your own,
-- claims_end_of_day(D) is the as-of rule: taken effect and recorded by the end of D, UTC.
SELECT (effective_at AT TIME ZONE 'UTC')::date AS effective, status, claim_statement
  FROM verdict_history
 WHERE effective_at <= claims_end_of_day('2023-09-13')
   AND recorded_at <= claims_end_of_day('2023-09-13')
 ORDER BY effective_at, claim_statement

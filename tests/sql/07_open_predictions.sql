-- Which predictions are still open, by whom, and with what deadline?
SELECT analyst_name, statement, expected_by
  FROM unverified_claims
 WHERE kind = 'prediction'
 ORDER BY expected_by NULLS LAST, analyst_name, statement

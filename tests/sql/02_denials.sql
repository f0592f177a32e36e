-- Which claims were contradicted or denied, by whom, and where do both sides stand now?
SELECT relation, claim_analyst, claim_statement, claim_status,
       challenger_analyst, challenger_statement, challenger_status, denied_but_confirmed
  FROM contested_claims
 ORDER BY claim_id, challenger_id

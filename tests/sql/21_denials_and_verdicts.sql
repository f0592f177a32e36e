-- Every denial, when it was made, and what the verdict on the denied claim says.
-- Setup: forecasters
SELECT challenger_analyst, claim_statement, denied_at, claim_status, verdict_effective_at,
       denied_but_confirmed, denied_but_mostly_true
  FROM contested_claims
 WHERE relation = 'denies'
 ORDER BY denied_at NULLS FIRST, claim_id

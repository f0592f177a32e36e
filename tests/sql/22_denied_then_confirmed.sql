-- Which claims were denied and later confirmed?
-- Setup: forecasters
SELECT claim_analyst, claim_statement, challenger_analyst, denied_at, verdict_effective_at
  FROM contested_claims
 WHERE denied_but_confirmed AND verdict_effective_at > denied_at

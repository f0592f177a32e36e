-- Every claim made by someone holding an affiliation at the time, with that affiliation.
-- (A claim whose day is unknown matches no day.)
-- Setup: forecasters
SELECT f.analyst_name, f.title, f.organization_name, c.made_at, c.statement
  FROM claims c
  JOIN LATERAL affiliations_on(c.made_at) f ON f.analyst_id = c.analyst_id
 WHERE c.retracted_at IS NULL
 ORDER BY c.made_at, c.id

-- Who held which affiliation on 1 September 2023? (A NULL bound is open: an undated
-- affiliation is held on every day.)
-- Setup: forecasters
SELECT analyst_name, title, organization_name, valid_from, valid_until
  FROM affiliations_on('2023-09-01')

-- What did anonymous groups and unattributed voices claim, and what became of it?
SELECT analyst_name, analyst_kind, statement, status
  FROM claim_overview
 WHERE analyst_kind IN ('group', 'unattributed')
 ORDER BY analyst_name, statement

-- Which predictions by someone holding an affiliation when they made them were overdue
-- at the end of 1 October 2023, as we knew it then, and what became of them?
-- Setup: forecasters
SELECT o.analyst_name, f.title, f.organization_name, o.statement, o.made_at,
       o.days_overdue, o.current_status
  FROM overdue_predictions_as_of('2023-10-01') o
  JOIN LATERAL affiliations_on(o.made_at) f ON f.analyst_id = o.analyst_id
 ORDER BY o.expected_by, o.claim_id

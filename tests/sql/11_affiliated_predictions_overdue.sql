-- Which predictions by people with an affiliation were overdue on 1 October 2023,
-- had nobody checked them? (claims.today fixes "today" for the view.)
SET claims.today = '2023-10-01';
SELECT o.analyst_name, f.title, org.name AS organization, o.statement, o.days_overdue
  FROM overdue_predictions o
  JOIN affiliations f ON f.analyst_id = o.analyst_id
  JOIN organizations org ON org.id = f.organization_id
 ORDER BY o.expected_by, o.statement

-- Which predictions are overdue today, with today pinned to 1 October 2023? (The view
-- uses what we know now: a prediction settled since is not overdue, whenever it was.)
-- Setup: forecasters
SET claims.today = '2023-10-01';
SELECT analyst_name, statement, expected_by, days_overdue, claims_today() AS today
  FROM overdue_predictions
 ORDER BY expected_by, id

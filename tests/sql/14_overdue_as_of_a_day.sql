-- Which predictions were overdue at the end of 1 October 2023, as we knew it then?
-- Setup: forecasters
SELECT analyst_name, statement, expected_by, days_overdue, status, current_status
  FROM overdue_predictions_as_of('2023-10-01')

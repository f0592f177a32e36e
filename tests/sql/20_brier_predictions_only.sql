-- Whose forecasts are calibrated? The Brier score counts settled predictions with a
-- probability only; settled claims of each kind are counted beside it.
-- Setup: forecasters
SELECT analyst_name, settled_facts, settled_predictions, settled_assessments, scored,
       round(brier_score::numeric, 4) AS brier_score
  FROM analyst_track_record
 WHERE settled > 0
 ORDER BY analyst_name

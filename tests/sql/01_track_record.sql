-- Whose claims hold up? Every analyst's record, most settled claims first.
SELECT analyst_name, claims_made, confirmed, refuted, unverified, settled,
       round(accuracy::numeric, 2) AS accuracy
  FROM analyst_track_record
 ORDER BY settled DESC, claims_made DESC, analyst_name

-- claims report analysts --calibration: stated probability in bins of 0.1 against
-- how right the settled claims turned out (mean accuracy weight).
WITH scope AS {materialized} ({scope})
SELECT least(floor(s.probability * 10), 9)::int AS bin,
       count(*) AS claims,
       avg(s.probability) AS mean_probability,
       avg(vs.accuracy_weight) AS observed
  FROM scope s
  JOIN verdict_statuses vs ON vs.status = s.status
 WHERE vs.accuracy_weight IS NOT NULL AND s.probability IS NOT NULL
 GROUP BY 1
 ORDER BY 1
 LIMIT $5

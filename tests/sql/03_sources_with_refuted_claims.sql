-- Which sources carried claims that were later refuted, and how many of their claims were?
SELECT s.title AS source, count(DISTINCT c.id) AS claims_carried,
       count(DISTINCT c.id) FILTER (WHERE c.status = 'refuted') AS refuted
  FROM sources s
  JOIN appearances ap ON ap.source_id = s.id
  JOIN claims c ON c.id = ap.claim_id AND c.retracted_at IS NULL
 GROUP BY s.id, s.title
HAVING count(*) FILTER (WHERE c.status = 'refuted') > 0
 ORDER BY refuted DESC, s.title

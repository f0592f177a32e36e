-- Which claims reach us only second-hand (reported or unattributed), and through which source?
SELECT a.name AS analyst, ap.attribution, s.title AS source, c.statement
  FROM appearances ap
  JOIN claims c ON c.id = ap.claim_id AND c.retracted_at IS NULL
  JOIN analysts a ON a.id = c.analyst_id
  JOIN sources s ON s.id = ap.source_id
 WHERE ap.attribution IN ('reported', 'unattributed')
 ORDER BY a.name, c.statement

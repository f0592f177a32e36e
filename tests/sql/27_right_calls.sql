-- Claim by claim, how right was each analyst about what has been settled? (A claim
-- given less than even odds that was refuted was called right.)
SELECT a.name AS analyst, c.statement, c.status, c.probability,
       claim_accuracy(vs.accuracy_weight, c.probability) AS accuracy
  FROM claims c
  JOIN analysts a ON a.id = c.analyst_id
  JOIN verdict_statuses vs ON vs.status = c.status
 WHERE vs.accuracy_weight IS NOT NULL AND c.retracted_at IS NULL
 ORDER BY a.name, c.statement

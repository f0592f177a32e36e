-- A claim's links both ways ($1 the claim), each with the claim at the other end.
SELECT l.id, l.from_claim_id = $1 AS outgoing, l.relation, l.note,
       o.id AS other_id, o.statement AS other_statement, a.name AS other_analyst,
       o.status AS other_status
  FROM claim_links l
  JOIN claims o ON o.id = CASE WHEN l.from_claim_id = $1 THEN l.to_claim_id ELSE l.from_claim_id END
  JOIN analysts a ON a.id = o.analyst_id
 WHERE l.from_claim_id = $1 OR l.to_claim_id = $1
 ORDER BY l.id

-- Which claims lean on which: every supports/refines link with both analysts.
SELECT fa.name AS analyst, f.statement AS claim, l.relation,
       ta.name AS other_analyst, t.statement AS other_claim
  FROM claim_links l
  JOIN claims f ON f.id = l.from_claim_id AND f.retracted_at IS NULL
  JOIN analysts fa ON fa.id = f.analyst_id
  JOIN claims t ON t.id = l.to_claim_id AND t.retracted_at IS NULL
  JOIN analysts ta ON ta.id = t.analyst_id
 WHERE l.relation IN ('supports', 'refines')
 ORDER BY fa.name, f.statement, ta.name, t.statement

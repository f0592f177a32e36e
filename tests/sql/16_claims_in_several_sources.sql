-- Which claims appear in more than one source, and in how many quotes?
-- Setup: relays
SELECT claim_id, count(*) AS sources, sum(quote_count) AS quotes
  FROM claim_sources
 GROUP BY claim_id
HAVING count(*) > 1
 ORDER BY claim_id

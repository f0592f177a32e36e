-- Reported speech: who said it, which outlet reports it, which outlet it came via, and
-- where the chain begins.
-- Setup: relays
SELECT speaker, publisher, source_title, via_source_title, origin_source_title, hops
  FROM reported_appearances
 ORDER BY claim_id, hops, appearance_id

-- Which claims does one source quote more than once? (claim_overview.appearance_count
-- counts quotes like these, not sources.)
SELECT claim_id, source_title, quote_count, first_attribution
  FROM claim_sources
 WHERE quote_count > 1
 ORDER BY claim_id, source_id

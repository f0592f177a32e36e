-- How do the claims each publisher carried stand now? Each claim counts once per
-- publisher, however many of its sources or quotes carry it.
-- Setup: relays
SELECT publisher, claims_carried, settled, confirmed, refuted,
       round(refuted_or_misleading_share::numeric, 2) AS refuted_or_misleading_share,
       round(unverified_share::numeric, 2) AS unverified_share
  FROM publisher_record
 ORDER BY publisher NULLS LAST

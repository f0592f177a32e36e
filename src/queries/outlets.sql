-- claims report sources: per outlet (sources.publisher; sources without one are
-- grouped as "(no publisher)"), the claims in scope it carried and their fate.
-- $5 limit.
WITH scope AS {materialized} ({scope})
SELECT coalesce(src.publisher, '(no publisher)') AS publisher,
       count(DISTINCT src.id) AS sources,
       count(DISTINCT s.id) AS claims,
       count(DISTINCT s.id) FILTER (WHERE s.status = 'refuted') AS refuted,
       count(DISTINCT s.id) FILTER (WHERE s.status = 'unverified') AS unverified,
       (count(DISTINCT s.id) FILTER (WHERE s.status = 'refuted'))::double precision
           / count(DISTINCT s.id) AS share_refuted,
       (count(DISTINCT s.id) FILTER (WHERE s.status = 'unverified'))::double precision
           / count(DISTINCT s.id) AS share_unverified
  FROM scope s
  JOIN appearances ap ON ap.claim_id = s.id
  JOIN sources src ON src.id = ap.source_id
 GROUP BY 1
 ORDER BY claims DESC, share_refuted DESC, publisher
 LIMIT $5

-- Which topics have the most claims still waiting for a verdict?
SELECT tag, count(*) AS unverified_claims
  FROM unverified_claims, unnest(tags) AS tag
 GROUP BY tag
HAVING count(*) >= 3
 ORDER BY count(*) DESC, tag

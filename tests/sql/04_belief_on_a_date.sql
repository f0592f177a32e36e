-- What did we believe about the summit prediction on 10 September 2023, and on 20 September?
-- A verdict counts on a day only if it had taken effect and had been recorded by then.
SELECT c.statement,
       coalesce((SELECT v.status FROM verifications v
                  WHERE v.claim_id = c.id
                    AND v.effective_at <= '2023-09-10' AND v.recorded_at <= '2023-09-10'
                  ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC LIMIT 1),
                'unverified') AS on_2023_09_10,
       coalesce((SELECT v.status FROM verifications v
                  WHERE v.claim_id = c.id
                    AND v.effective_at <= '2023-09-20' AND v.recorded_at <= '2023-09-20'
                  ORDER BY v.effective_at DESC, v.recorded_at DESC, v.id DESC LIMIT 1),
                'unverified') AS on_2023_09_20
  FROM claims c
 WHERE c.kind = 'prediction' AND c.statement ILIKE '%within days%'

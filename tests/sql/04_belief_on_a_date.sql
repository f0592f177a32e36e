-- What did we believe about the summit prediction on 10 September 2023, and on 20 September?
-- "On a day" means by the end of that day in UTC, as claims --as-of DAY: the date form of
-- claim_status_as_of counts a verdict once it had both taken effect and been recorded by then.
SELECT c.statement,
       claim_status_as_of(c.id, date '2023-09-10') AS on_2023_09_10,
       claim_status_as_of(c.id, date '2023-09-20') AS on_2023_09_20
  FROM claims c
 WHERE c.kind = 'prediction' AND c.statement ILIKE '%within days%'

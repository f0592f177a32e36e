-- Had the summit prediction (claim 14) been settled by the end of 12 September 2023, and
-- of 13 September? Asked from a session in New York: a day means its end in UTC anyway.
SET TimeZone = 'America/New_York';
SELECT id,
       claim_status_as_of(id, '2023-09-12') AS end_of_12_september,
       claim_status_as_of(id, '2023-09-13') AS end_of_13_september,
       claim_status_as_of(id, '2023-09-13T00:00:00Z') AS at_midnight_utc_13_september,
       claim_status_as_of(id, '2023-09-12T23:59:59Z') AS a_second_earlier
  FROM claims
 WHERE statement ILIKE '%meet within days%'

-- Had the summit prediction been settled by the end of 12 and of 13 September 2023,
-- asked from Tokyo? The day typed as a date and the instants as timestamptz this time.
SET TimeZone = 'Asia/Tokyo';
SELECT id,
       claim_status_as_of(id, date '2023-09-12') AS end_of_12_september,
       claim_status_as_of(id, date '2023-09-13') AS end_of_13_september,
       claim_status_as_of(id, timestamptz '2023-09-13T00:00:00Z') AS at_midnight_utc_13_september,
       claim_status_as_of(id, timestamptz '2023-09-12T23:59:59Z') AS a_second_earlier
  FROM claims
 WHERE statement ILIKE '%meet within days%'

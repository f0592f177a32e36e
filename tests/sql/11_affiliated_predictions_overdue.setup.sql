-- The seed article has no prediction by an affiliated analyst: add one for the
-- question to answer (Irina Tsukerman, President of Scarab Rising, Inc.).
INSERT INTO claims (analyst_id, statement, kind, made_at, expected_by)
SELECT id, 'Russia and North Korea will sign a formal military agreement within two weeks.',
       'prediction', '2023-09-05', '2023-09-19'
  FROM analysts WHERE name = 'Irina Tsukerman';

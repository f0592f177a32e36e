-- Invented people, outlets and outcomes (none of this happened), for the questions
-- the seed article cannot answer: dated affiliations, predictions with deadlines,
-- a verdict recorded weeks after it took effect, an outlet with a probability on an
-- assessment, and denials. Run it as the owner or a claims_writer, inside
-- BEGIN … ROLLBACK (see "Setups" above).
INSERT INTO organizations (name, description) VALUES
    ('Harbor Institute (fictional)', 'An invented think tank for the examples.');

INSERT INTO analysts (name, kind, description) VALUES
    ('Dana Reyes (fictional)', 'person', 'An invented forecaster for the examples.'),
    ('Northgate Review (fictional)', 'organization', 'An invented outlet, in its own voice.'),
    ('Ministry spokesperson (fictional)', 'person', 'An invented spokesperson for Samplestan''s ministry.');

-- Fellow until June 2023, Director from July 2023 with no end yet (open).
INSERT INTO affiliations (analyst_id, organization_id, title, valid_from, valid_until)
SELECT a.id, o.id, x.title, x.valid_from, x.valid_until
  FROM (VALUES ('Fellow', date '2019-01-01', date '2023-06-30'),
               ('Director', date '2023-07-01', NULL)) AS x (title, valid_from, valid_until)
  JOIN analysts a ON a.name = 'Dana Reyes (fictional)'
  JOIN organizations o ON o.name = 'Harbor Institute (fictional)';

INSERT INTO claims (analyst_id, statement, kind, made_at, expected_by, probability)
SELECT a.id, x.statement, x.kind, x.made_at, x.expected_by, x.probability
  FROM (VALUES
    ('Dana Reyes (fictional)', 'Examplia''s central bank will cut its rate by the end of August 2023.',
     'prediction', date '2023-06-10', date '2023-08-31', 0.6),
    ('Dana Reyes (fictional)', 'Examplia will hold a snap election before 2024.',
     'prediction', date '2023-09-01', date '2023-12-31', 0.9),
    ('Dana Reyes (fictional)', 'Examplia and Samplestan will sign a trade pact by 19 September 2023.',
     'prediction', date '2023-09-05', date '2023-09-19', 0.8),
    ('Dana Reyes (fictional)', 'The port closure cost Samplestan a week of exports.',
     'assessment', date '2023-09-06', NULL, NULL),
    ('Northgate Review (fictional)', 'Samplestan''s harbour minister resigned on 1 August 2023.',
     'fact', date '2023-08-01', NULL, NULL),
    ('Northgate Review (fictional)', 'Samplestan''s port strike has ended.',
     'assessment', date '2023-09-02', NULL, 1.0),
    ('Northgate Review (fictional)', 'Samplestan''s ministry ordered the port closed.',
     'fact', date '2023-09-04', NULL, NULL),
    ('Ministry spokesperson (fictional)', 'The harbour minister has not resigned.',
     'fact', date '2023-08-10', NULL, NULL),
    ('Ministry spokesperson (fictional)', 'The ministry never ordered the port closed.',
     'fact', date '2023-09-05', NULL, NULL),
    ('Ministry spokesperson (fictional)', 'The port closure cost Samplestan no exports.',
     'fact', date '2023-09-07', NULL, NULL)
  ) AS x (analyst, statement, kind, made_at, expected_by, probability)
  JOIN analysts a ON a.name = x.analyst;

INSERT INTO claim_links (from_claim_id, relation, to_claim_id, note)
SELECT f.id, 'denies', t.id, x.note
  FROM (VALUES
    ('The harbour minister has not resigned.', 'Samplestan''s harbour minister resigned on 1 August 2023.',
     'Denied nine days after the resignation was announced.'),
    ('The ministry never ordered the port closed.', 'Samplestan''s ministry ordered the port closed.',
     'Denied the day after the report.'),
    ('The port closure cost Samplestan no exports.', 'The port closure cost Samplestan a week of exports.',
     'The ministry disputes the estimate.')
  ) AS x (from_statement, to_statement, note)
  JOIN claims f ON f.statement = x.from_statement
  JOIN claims t ON t.statement = x.to_statement;

-- The trade pact's deadline passed on 19 September; the verdict saying so was only
-- entered on 15 October, so on 1 October nobody knew it yet.
INSERT INTO verifications (claim_id, status, note, effective_at, recorded_at)
SELECT c.id, x.status, x.note, x.effective_at, x.recorded_at
  FROM (VALUES
    ('Examplia and Samplestan will sign a trade pact by 19 September 2023.', 'refuted',
     'No pact was signed by the deadline.', timestamptz '2023-09-20T00:00:00Z', timestamptz '2023-10-15T09:00:00Z'),
    ('Examplia will hold a snap election before 2024.', 'confirmed',
     'The election was held on 19 November 2023.', timestamptz '2023-11-20T00:00:00Z', timestamptz '2023-11-21T10:00:00Z'),
    ('The port closure cost Samplestan a week of exports.', 'mostly_true',
     'Customs figures show six days of lost exports.', timestamptz '2023-10-02T00:00:00Z', timestamptz '2023-10-02T12:00:00Z'),
    ('Samplestan''s harbour minister resigned on 1 August 2023.', 'confirmed',
     'The gazette published the resignation on 2 August.', timestamptz '2023-08-02T00:00:00Z', timestamptz '2023-08-02T08:00:00Z'),
    ('Samplestan''s port strike has ended.', 'confirmed',
     'The union called off the strike on 3 September.', timestamptz '2023-09-03T00:00:00Z', timestamptz '2023-09-03T18:00:00Z'),
    ('Samplestan''s ministry ordered the port closed.', 'confirmed',
     'The closure order was published on 25 September.', timestamptz '2023-09-25T00:00:00Z', timestamptz '2023-09-25T15:00:00Z')
  ) AS x (statement, status, note, effective_at, recorded_at)
  JOIN claims c ON c.statement = x.statement;

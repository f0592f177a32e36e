-- Two invented outlets (none of this was published) pick up the seed article: one
-- quotes its summit prediction and relays the US officials' Vladivostok claim, the
-- other relays that claim from the first. Run it as the owner or a claims_writer,
-- inside BEGIN … ROLLBACK (see "Setups" above).
INSERT INTO sources (url, title, kind, publisher, published_on) VALUES
    ('https://wire.example/putin-kim-venue', 'Officials expect Putin and Kim to meet in Vladivostok',
     'article', 'Example Wire (fictional)', '2023-09-06'),
    ('https://daily.example/summit-preview', 'What to expect from a Putin–Kim summit',
     'article', 'Example Daily (fictional)', '2023-09-07');

INSERT INTO appearances (claim_id, source_id, quote, attribution, via_appearance_id)
SELECT c.id, s.id, 'The two leaders are expected to meet within days.', 'unattributed', NULL
  FROM claims c, sources s
 WHERE c.statement = 'Vladimir Putin and Kim Jong Un will meet within days of the article''s publication.'
   AND s.url = 'https://wire.example/putin-kim-venue';

-- Reported speech, relayed: Example Wire via the seed article, Example Daily via Example Wire.
INSERT INTO appearances (claim_id, source_id, quote, attribution, via_appearance_id)
SELECT via.claim_id, s.id, 'US officials were quoted as saying the meeting would be in Vladivostok.', 'reported', via.id
  FROM appearances via
  JOIN claims c ON c.id = via.claim_id
  JOIN sources s ON s.url = 'https://wire.example/putin-kim-venue'
 WHERE c.statement = 'Kim Jong Un and Vladimir Putin are planning to meet in Vladivostok, in eastern Russia.';

INSERT INTO appearances (claim_id, source_id, quote, attribution, via_appearance_id)
SELECT via.claim_id, s.id, 'Vladivostok has been named by US officials, according to Example Wire.', 'reported', via.id
  FROM appearances via
  JOIN sources via_source ON via_source.id = via.source_id AND via_source.url = 'https://wire.example/putin-kim-venue'
  JOIN sources s ON s.url = 'https://daily.example/summit-preview'
 WHERE via.attribution = 'reported';

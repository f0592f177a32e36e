-- The merge of a bulk import, step by step (src/bulk/mod.rs runs them in order,
-- in the import's transaction). First every check: a check marks the rows it
-- refuses with an error, and a line goes in whole or not at all. Then the inserts,
-- of rows without an error only. Natural keys are resolved with set-based joins:
-- no step runs once per row.

-- step: index
CREATE INDEX ON claims_import_stage (rtype, key);
CREATE INDEX ON claims_import_stage (rtype, name);
CREATE INDEX ON claims_import_stage (line);
ANALYZE claims_import_stage;

-- step: check_duplicate_keys
UPDATE claims_import_stage s SET error = 'key: ''' || s.key || ''' is used twice (first on line ' || d.first || ')'
  FROM (SELECT rtype, key, min(line) AS first FROM claims_import_stage
         WHERE key IS NOT NULL AND rtype IN ('claim', 'appearance')
         GROUP BY rtype, key HAVING count(DISTINCT line) > 1) d
 WHERE s.rtype = d.rtype AND s.key = d.key AND s.line > d.first;

-- step: check_references
-- Runs again (with refuse_whole_lines) until no new row is refused: refusing a
-- claim's line makes the lines that point at it dangling.
UPDATE claims_import_stage s SET error = 'affiliations.organization: ''' || s.ref2 || ''' is neither in the file nor in the database'
 WHERE s.rtype = 'affiliation' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage o WHERE o.rtype = 'organization' AND o.name = s.ref2 AND o.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.name = s.ref2);
UPDATE claims_import_stage s SET error = 'analyst: ''' || s.ref1 || ''' is neither in the file nor in the database'
 WHERE s.rtype = 'claim' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref1 AND a.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM analysts a WHERE a.name = s.ref1);
UPDATE claims_import_stage s SET error = 'hedge: ''' || s.hedge || ''' is not in the hedge lexicon'
 WHERE s.rtype = 'claim' AND s.error IS NULL AND s.hedge IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage h WHERE h.rtype = 'hedge_term' AND h.name = s.hedge AND h.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM hedge_terms h WHERE h.phrase = s.hedge);
UPDATE claims_import_stage s SET error = 'claim: ''' || s.ref1 || ''' is not a claim of this file (or its line was refused)'
 WHERE s.rtype IN ('appearance', 'claim_tag', 'link', 'verdict') AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref1 AND c.error IS NULL);
UPDATE claims_import_stage s SET error = 'to: ''' || s.ref2 || ''' is not a claim of this file (or its line was refused)'
 WHERE s.rtype = 'link' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s SET error = 'to: both ends are the same claim'
  FROM claims_import_stage f, claims_import_stage t
 WHERE s.rtype = 'link' AND s.error IS NULL
   AND f.rtype = 'claim' AND f.key = s.ref1 AND f.error IS NULL
   AND t.rtype = 'claim' AND t.key = s.ref2 AND t.error IS NULL
   AND f.ref1 = t.ref1 AND f.statement = t.statement;
UPDATE claims_import_stage s SET error = 'source: ''' || s.ref2 || ''' is not a source of this file (or its line was refused)'
 WHERE s.rtype = 'appearance' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s SET error = 'via: ''' || s.ref3 || ''' is not an appearance key of this file (or its line was refused)'
 WHERE s.rtype = 'appearance' AND s.error IS NULL AND s.ref3 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage v WHERE v.rtype = 'appearance' AND v.key = s.ref3 AND v.error IS NULL);
UPDATE claims_import_stage s SET error = 'evidence: ''' || s.ref2 || ''' is not a source of this file (or its line was refused)'
 WHERE s.rtype = 'verdict' AND s.error IS NULL AND s.ref2 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s SET error = 'by: ''' || s.ref3 || ''' is neither in the file nor in the database'
 WHERE s.rtype = 'verdict' AND s.error IS NULL AND s.ref3 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref3 AND a.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM analysts a WHERE a.name = s.ref3);
UPDATE claims_import_stage s SET error = 'status: ''' || s.status || ''' is not a verdict status'
 WHERE s.rtype = 'verdict' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM verdict_statuses vs WHERE vs.status = s.status AND vs.is_verdict);

-- step: refuse_whole_lines
UPDATE claims_import_stage s SET error = 'another part of this line was refused: ' || bad.error
  FROM (SELECT DISTINCT ON (line) line, error FROM claims_import_stage
         WHERE error IS NOT NULL ORDER BY line, error) bad
 WHERE s.line = bad.line AND s.error IS NULL;

-- step: insert_hedge_terms
INSERT INTO hedge_terms (phrase, probability, source)
SELECT DISTINCT ON (name) name, probability, description
  FROM claims_import_stage WHERE rtype = 'hedge_term' AND error IS NULL
 ORDER BY name, line
ON CONFLICT DO NOTHING;

-- step: insert_organizations
INSERT INTO organizations (name, description)
SELECT DISTINCT ON (name) name, description
  FROM claims_import_stage WHERE rtype = 'organization' AND error IS NULL
 ORDER BY name, line
ON CONFLICT DO NOTHING;

-- step: insert_analysts
INSERT INTO analysts (name, kind, description)
SELECT DISTINCT ON (name) name, kind, description
  FROM claims_import_stage WHERE rtype = 'analyst' AND error IS NULL
 ORDER BY name, line
ON CONFLICT DO NOTHING;

-- step: insert_affiliations
INSERT INTO affiliations (analyst_id, organization_id, title, valid_from, valid_until)
SELECT DISTINCT a.id, o.id, s.title, s.valid_from, s.valid_until
  FROM claims_import_stage s
  JOIN analysts a ON a.name = s.ref1
  JOIN organizations o ON o.name = s.ref2
 WHERE s.rtype = 'affiliation' AND s.error IS NULL
ON CONFLICT DO NOTHING;

-- step: insert_sources
INSERT INTO sources (url, title, kind, publisher, author, published_on, retrieved_at, archived_url)
SELECT DISTINCT ON (key) url, title, kind, publisher, author, published_on, retrieved_at, archived_url
  FROM claims_import_stage WHERE rtype = 'source' AND error IS NULL
 ORDER BY key, line
ON CONFLICT DO NOTHING;

-- step: source_keys
CREATE TEMP TABLE claims_import_source_keys ON COMMIT DROP AS
SELECT DISTINCT ON (s.key) s.key, src.id
  FROM claims_import_stage s
  JOIN sources src ON (s.url IS NOT NULL AND src.url = s.url)
                   OR (s.url IS NULL AND src.url IS NULL AND src.title = s.title
                       AND src.publisher IS NOT DISTINCT FROM s.publisher
                       AND src.author IS NOT DISTINCT FROM s.author
                       AND src.published_on IS NOT DISTINCT FROM s.published_on)
 WHERE s.rtype = 'source' AND s.error IS NULL
 ORDER BY s.key, s.line;
CREATE UNIQUE INDEX ON claims_import_source_keys (key);
ANALYZE claims_import_source_keys;

-- step: insert_tags
INSERT INTO tags (name, kind)
SELECT DISTINCT ON (name) name, coalesce(kind, 'topic')
  FROM claims_import_stage WHERE rtype IN ('tag', 'claim_tag') AND error IS NULL
 ORDER BY name, rtype DESC, line
ON CONFLICT DO NOTHING;

-- step: insert_claims
INSERT INTO claims (analyst_id, statement, kind, made_at, expected_by, probability, hedge,
                    retracted_at, retraction_reason)
SELECT DISTINCT ON (a.id, s.statement)
       a.id, s.statement, s.kind, s.made_at, s.expected_by,
       coalesce(s.probability, h.probability), s.hedge, s.recorded_at, s.description
  FROM claims_import_stage s
  JOIN analysts a ON a.name = s.ref1
  LEFT JOIN hedge_terms h ON h.phrase = s.hedge
 WHERE s.rtype = 'claim' AND s.error IS NULL
 ORDER BY a.id, s.statement, s.line
ON CONFLICT DO NOTHING;

-- step: claim_keys
CREATE TEMP TABLE claims_import_claim_keys ON COMMIT DROP AS
SELECT DISTINCT ON (s.key) s.key, c.id
  FROM claims_import_stage s
  JOIN analysts a ON a.name = s.ref1
  JOIN claims c ON c.analyst_id = a.id AND c.statement = s.statement
 WHERE s.rtype = 'claim' AND s.error IS NULL
 ORDER BY s.key, s.line;
CREATE UNIQUE INDEX ON claims_import_claim_keys (key);
ANALYZE claims_import_claim_keys;

-- step: insert_appearances
-- Run until nothing moves: an appearance that relays another (via) goes in after it.
INSERT INTO appearances (claim_id, source_id, quote, attribution, via_appearance_id)
SELECT DISTINCT ON (ck.id, sk.id, md5(s.quote)) ck.id, sk.id, s.quote, s.attribution, via.id
  FROM claims_import_stage s
  JOIN claims_import_claim_keys ck ON ck.key = s.ref1
  JOIN claims_import_source_keys sk ON sk.key = s.ref2
  LEFT JOIN LATERAL (
        SELECT ap.id FROM claims_import_stage v
          JOIN claims_import_claim_keys vck ON vck.key = v.ref1
          JOIN claims_import_source_keys vsk ON vsk.key = v.ref2
          JOIN appearances ap ON ap.claim_id = vck.id AND ap.source_id = vsk.id
                             AND md5(ap.quote) = md5(v.quote) AND ap.quote = v.quote
         WHERE s.ref3 IS NOT NULL AND v.rtype = 'appearance' AND v.key = s.ref3
         LIMIT 1) via ON true
 WHERE s.rtype = 'appearance' AND s.error IS NULL AND (s.ref3 IS NULL OR via.id IS NOT NULL)
 ORDER BY ck.id, sk.id, md5(s.quote), s.line
ON CONFLICT DO NOTHING;

-- step: insert_claim_tags
INSERT INTO claim_tags (claim_id, tag_id)
SELECT DISTINCT ck.id, t.id
  FROM claims_import_stage s
  JOIN claims_import_claim_keys ck ON ck.key = s.ref1
  JOIN tags t ON t.name = s.name
 WHERE s.rtype = 'claim_tag' AND s.error IS NULL
ON CONFLICT DO NOTHING;

-- step: insert_links
INSERT INTO claim_links (from_claim_id, relation, to_claim_id, note)
SELECT DISTINCT ON (f.id, s.relation, t.id) f.id, s.relation, t.id, s.description
  FROM claims_import_stage s
  JOIN claims_import_claim_keys f ON f.key = s.ref1
  JOIN claims_import_claim_keys t ON t.key = s.ref2
 WHERE s.rtype = 'link' AND s.error IS NULL
 ORDER BY f.id, s.relation, t.id, s.line
ON CONFLICT DO NOTHING;

-- step: insert_verdicts
-- A verdict already recorded (same claim, status, evidence, note, recorder, times)
-- is not added again; in file order, so equal times keep their order.
INSERT INTO verifications (claim_id, status, evidence_source_id, note, recorded_by_analyst_id,
                           effective_at, recorded_at)
SELECT claim_id, status, evidence_source_id, note, recorded_by_analyst_id, effective_at, recorded_at
  FROM (SELECT DISTINCT ON (ck.id, s.status, sk.id, s.description, a.id, s.effective_at, s.recorded_at)
               s.line, ck.id AS claim_id, s.status, sk.id AS evidence_source_id, s.description AS note,
               a.id AS recorded_by_analyst_id, s.effective_at, coalesce(s.recorded_at, now()) AS recorded_at,
               s.recorded_at AS given_recorded_at
          FROM claims_import_stage s
          JOIN claims_import_claim_keys ck ON ck.key = s.ref1
          LEFT JOIN claims_import_source_keys sk ON sk.key = s.ref2
          LEFT JOIN analysts a ON a.name = s.ref3
         WHERE s.rtype = 'verdict' AND s.error IS NULL
         ORDER BY ck.id, s.status, sk.id, s.description, a.id, s.effective_at, s.recorded_at, s.line) v
 WHERE NOT EXISTS (
        SELECT 1 FROM verifications old
         WHERE old.claim_id = v.claim_id AND old.status = v.status AND old.effective_at = v.effective_at
           AND old.evidence_source_id IS NOT DISTINCT FROM v.evidence_source_id
           AND old.note IS NOT DISTINCT FROM v.note
           AND old.recorded_by_analyst_id IS NOT DISTINCT FROM v.recorded_by_analyst_id
           AND (v.given_recorded_at IS NULL OR old.recorded_at = v.given_recorded_at))
 ORDER BY v.line;

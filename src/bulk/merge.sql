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
-- {at:N} in a message stands for the place of line N (a line, or a document's
-- record); src/bulk/mod.rs writes it out.
UPDATE claims_import_stage s SET error = 'key: ''' || s.key || ''' is used twice (first at {at:' || d.first || '})'
  FROM (SELECT rtype, key, min(line) AS first FROM claims_import_stage
         WHERE key IS NOT NULL AND rtype IN ('claim', 'appearance')
         GROUP BY rtype, key HAVING count(DISTINCT line) > 1) d
 WHERE s.rtype = d.rtype AND s.key = d.key AND s.line > d.first AND s.error IS NULL;

-- step: check_duplicate_records
-- Records (NDJSON lines, document records) name each source, analyst and claim
-- once; CSV repeats them on every row by design and skips this step.
UPDATE claims_import_stage s SET error = 'key: ''' || s.key || ''' is used twice (first at {at:' || d.first || '})'
  FROM (SELECT key, min(line) AS first FROM claims_import_stage
         WHERE rtype = 'source' GROUP BY key HAVING count(*) > 1) d
 WHERE s.rtype = 'source' AND s.key = d.key AND s.line > d.first AND s.error IS NULL;
UPDATE claims_import_stage s SET error = 'name: analyst ''' || s.name || ''' is listed twice (first at {at:' || d.first || '})'
  FROM (SELECT name, min(line) AS first FROM claims_import_stage
         WHERE rtype = 'analyst' GROUP BY name HAVING count(*) > 1) d
 WHERE s.rtype = 'analyst' AND s.name = d.name AND s.line > d.first AND s.error IS NULL;
UPDATE claims_import_stage s SET error = 'statement: the same analyst and statement as {at:' || d.first || '} (one claim, listed twice)'
  FROM (SELECT ref1, statement, min(line) AS first FROM claims_import_stage
         WHERE rtype = 'claim' AND error IS NULL GROUP BY ref1, statement HAVING count(*) > 1) d
 WHERE s.rtype = 'claim' AND s.ref1 = d.ref1 AND s.statement = d.statement AND s.line > d.first
   AND s.error IS NULL;

-- step: check_via_cycles
-- An appearance relaying another (via) goes in after it, so a chain that comes
-- back to where it started could never go in.
WITH RECURSIVE chain (start_key, key, steps) AS (
    SELECT key, ref3, 1 FROM claims_import_stage
     WHERE rtype = 'appearance' AND key IS NOT NULL AND ref3 IS NOT NULL AND error IS NULL
    UNION ALL
    SELECT c.start_key, a.ref3, c.steps + 1
      FROM chain c
      JOIN claims_import_stage a ON a.rtype = 'appearance' AND a.key = c.key AND a.ref3 IS NOT NULL
     WHERE c.key <> c.start_key AND c.steps < 10000
)
UPDATE claims_import_stage s SET error = 'via: ''' || s.ref3 || ''' leads back to this appearance (a cycle)'
  FROM (SELECT DISTINCT start_key FROM chain WHERE key = start_key) cyc
 WHERE s.rtype = 'appearance' AND s.key = cyc.start_key AND s.error IS NULL;

-- step: check_references
-- Runs again (with refuse_whole_lines) until no new row is refused: refusing a
-- claim's line makes the lines that point at it dangling. A reference to a record
-- of the file that was refused is a knock-on (knock_on), not a problem of its own.
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage o WHERE o.rtype = 'organization' AND o.name = s.ref2),
       error = 'organization: ''' || s.ref2 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage o WHERE o.rtype = 'organization' AND o.name = s.ref2)
                       THEN ' was refused' ELSE ' is neither in the file nor in the database' END
 WHERE s.rtype = 'affiliation' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage o WHERE o.rtype = 'organization' AND o.name = s.ref2 AND o.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM organizations o WHERE o.name = s.ref2);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref1),
       error = 'analyst: ''' || s.ref1 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref1)
                       THEN ' was refused' ELSE ' is neither in the file nor in the database' END
 WHERE s.rtype = 'claim' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref1 AND a.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM analysts a WHERE a.name = s.ref1);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage h WHERE h.rtype = 'hedge_term' AND h.name = s.hedge),
       error = 'hedge: ''' || s.hedge || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage h WHERE h.rtype = 'hedge_term' AND h.name = s.hedge)
                       THEN ' was refused' ELSE ' is not in the hedge lexicon' END
 WHERE s.rtype = 'claim' AND s.error IS NULL AND s.hedge IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage h WHERE h.rtype = 'hedge_term' AND h.name = s.hedge AND h.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM hedge_terms h WHERE h.phrase = s.hedge);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref1),
       error = CASE s.rtype WHEN 'link' THEN 'from' ELSE 'claim' END || ': ''' || s.ref1 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref1)
                       THEN ' was refused' ELSE ' is not the key of a claim in the file' END
 WHERE s.rtype IN ('appearance', 'claim_tag', 'link', 'verdict') AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref1 AND c.error IS NULL);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref2),
       error = 'to: ''' || s.ref2 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref2)
                       THEN ' was refused' ELSE ' is not the key of a claim in the file' END
 WHERE s.rtype = 'link' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'claim' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s SET error = 'to: both ends are the same claim'
  FROM claims_import_stage f, claims_import_stage t
 WHERE s.rtype = 'link' AND s.error IS NULL
   AND f.rtype = 'claim' AND f.key = s.ref1 AND f.error IS NULL
   AND t.rtype = 'claim' AND t.key = s.ref2 AND t.error IS NULL
   AND f.ref1 = t.ref1 AND f.statement = t.statement;
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2),
       error = 'source: ''' || s.ref2 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2)
                       THEN ' was refused' ELSE ' is not the key of a source in the file' END
 WHERE s.rtype = 'appearance' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage v WHERE v.rtype = 'appearance' AND v.key = s.ref3),
       error = 'via: ''' || s.ref3 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage v WHERE v.rtype = 'appearance' AND v.key = s.ref3)
                       THEN ' was refused' ELSE ' is not the key of an appearance in the file' END
 WHERE s.rtype = 'appearance' AND s.error IS NULL AND s.ref3 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage v WHERE v.rtype = 'appearance' AND v.key = s.ref3 AND v.error IS NULL);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2),
       error = 'evidence: ''' || s.ref2 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2)
                       THEN ' was refused' ELSE ' is not the key of a source in the file' END
 WHERE s.rtype = 'verdict' AND s.error IS NULL AND s.ref2 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage c WHERE c.rtype = 'source' AND c.key = s.ref2 AND c.error IS NULL);
UPDATE claims_import_stage s
   SET knock_on = EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref3),
       error = 'by: ''' || s.ref3 || ''''
               || CASE WHEN EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref3)
                       THEN ' was refused' ELSE ' is neither in the file nor in the database' END
 WHERE s.rtype = 'verdict' AND s.error IS NULL AND s.ref3 IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM claims_import_stage a WHERE a.rtype = 'analyst' AND a.name = s.ref3 AND a.error IS NULL)
   AND NOT EXISTS (SELECT 1 FROM analysts a WHERE a.name = s.ref3);
UPDATE claims_import_stage s SET error = 'status: ''' || s.status || ''' is not a verdict status'
 WHERE s.rtype = 'verdict' AND s.error IS NULL
   AND NOT EXISTS (SELECT 1 FROM verdict_statuses vs WHERE vs.status = s.status AND vs.is_verdict);

-- step: refuse_whole_lines
UPDATE claims_import_stage s SET knock_on = true,
       error = 'another part of this record was refused: ' || coalesce(bad.part || ': ', '') || bad.error
  FROM (SELECT DISTINCT ON (line) line, part, error FROM claims_import_stage
         WHERE error IS NOT NULL ORDER BY line, knock_on, error) bad
 WHERE s.line = bad.line AND s.error IS NULL;

-- step: insert_hedge_terms
-- Each insert takes the first record of a key (DISTINCT ON … seq) and inserts
-- in input order (the outer ORDER BY seq), so ids follow the input.
INSERT INTO hedge_terms (phrase, probability, source)
SELECT name, probability, description FROM (
SELECT DISTINCT ON (name) name, probability, description, seq
  FROM claims_import_stage WHERE rtype = 'hedge_term' AND error IS NULL
 ORDER BY name, seq) first ORDER BY seq
ON CONFLICT DO NOTHING;

-- step: insert_organizations
INSERT INTO organizations (name, description)
SELECT name, description FROM (
SELECT DISTINCT ON (name) name, description, seq
  FROM claims_import_stage WHERE rtype = 'organization' AND error IS NULL
 ORDER BY name, seq) first ORDER BY seq
ON CONFLICT DO NOTHING;

-- step: insert_analysts
INSERT INTO analysts (name, kind, description)
SELECT name, kind, description FROM (
SELECT DISTINCT ON (name) name, kind, description, seq
  FROM claims_import_stage WHERE rtype = 'analyst' AND error IS NULL
 ORDER BY name, seq) first ORDER BY seq
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
SELECT url, title, kind, publisher, author, published_on, retrieved_at, archived_url FROM (
SELECT DISTINCT ON (key) url, title, kind, publisher, author, published_on, retrieved_at, archived_url, seq
  FROM claims_import_stage WHERE rtype = 'source' AND error IS NULL
 ORDER BY key, seq) first ORDER BY seq
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
SELECT name, kind FROM (
SELECT DISTINCT ON (name) name, coalesce(kind, 'topic') AS kind, seq
  FROM claims_import_stage WHERE rtype IN ('tag', 'claim_tag') AND error IS NULL
 ORDER BY name, rtype DESC, seq) first ORDER BY seq
ON CONFLICT DO NOTHING;

-- step: insert_claims
INSERT INTO claims (analyst_id, statement, kind, made_at, expected_by, probability, hedge,
                    retracted_at, retraction_reason)
SELECT analyst_id, statement, kind, made_at, expected_by, probability, hedge,
       retracted_at, retraction_reason FROM (
SELECT DISTINCT ON (a.id, s.statement)
       a.id AS analyst_id, s.statement, s.kind, s.made_at, s.expected_by,
       coalesce(s.probability, h.probability) AS probability, s.hedge,
       s.recorded_at AS retracted_at, s.description AS retraction_reason, s.seq
  FROM claims_import_stage s
  JOIN analysts a ON a.name = s.ref1
  LEFT JOIN hedge_terms h ON h.phrase = s.hedge
 WHERE s.rtype = 'claim' AND s.error IS NULL
 ORDER BY a.id, s.statement, s.seq) first ORDER BY seq
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
SELECT claim_id, source_id, quote, attribution, via_appearance_id FROM (
SELECT DISTINCT ON (ck.id, sk.id, md5(s.quote))
       ck.id AS claim_id, sk.id AS source_id, s.quote, s.attribution, via.id AS via_appearance_id, s.seq
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
 ORDER BY ck.id, sk.id, md5(s.quote), s.seq) first ORDER BY seq
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
SELECT from_claim_id, relation, to_claim_id, note FROM (
SELECT DISTINCT ON (f.id, s.relation, t.id)
       f.id AS from_claim_id, s.relation, t.id AS to_claim_id, s.description AS note, s.seq
  FROM claims_import_stage s
  JOIN claims_import_claim_keys f ON f.key = s.ref1
  JOIN claims_import_claim_keys t ON t.key = s.ref2
 WHERE s.rtype = 'link' AND s.error IS NULL
 ORDER BY f.id, s.relation, t.id, s.seq) first ORDER BY seq
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

-- step: differences
-- Records matched by natural key whose other fields differ from the file: an
-- import never edits, so the stored values stay and each difference is listed
-- (line, part, the stored row, the field, stored value, value in the file).
WITH timestamps AS (SELECT 'YYYY-MM-DD"T"HH24:MI:SS"Z"' AS fmt),
hedge AS (
    SELECT s.line, s.part, 'hedge term ''' || h.phrase || '''' AS what, d.field, d.stored, d.given
      FROM claims_import_stage s JOIN hedge_terms h ON h.phrase = s.name
     CROSS JOIN LATERAL (VALUES ('probability', h.probability::text, s.probability::text),
                                ('source', h.source, s.description)) d (field, stored, given)
     WHERE s.rtype = 'hedge_term' AND s.error IS NULL AND d.stored IS DISTINCT FROM d.given
),
analyst AS (
    SELECT s.line, s.part, 'analyst ' || a.id, d.field, d.stored, d.given
      FROM claims_import_stage s JOIN analysts a ON a.name = s.name
     CROSS JOIN LATERAL (VALUES ('kind', a.kind, s.kind),
                                ('description', a.description, s.description)) d (field, stored, given)
     WHERE s.rtype = 'analyst' AND s.error IS NULL AND d.stored IS DISTINCT FROM d.given
),
source AS (
    SELECT s.line, s.part, 'source ' || src.id, d.field, d.stored, d.given
      FROM claims_import_stage s
      JOIN claims_import_source_keys sk ON sk.key = s.key
      JOIN sources src ON src.id = sk.id
     CROSS JOIN timestamps t
     CROSS JOIN LATERAL (VALUES ('title', src.title, s.title),
                                ('kind', src.kind, s.kind),
                                ('publisher', src.publisher, s.publisher),
                                ('author', src.author, s.author),
                                ('published_on', src.published_on::text, s.published_on::text),
                                ('retrieved_at', to_char(src.retrieved_at AT TIME ZONE 'UTC', t.fmt),
                                                 to_char(s.retrieved_at AT TIME ZONE 'UTC', t.fmt)),
                                ('archived_url', src.archived_url, s.archived_url)) d (field, stored, given)
     WHERE s.rtype = 'source' AND s.error IS NULL AND d.stored IS DISTINCT FROM d.given
),
claim AS (
    SELECT s.line, s.part, 'claim ' || c.id, d.field, d.stored, d.given
      FROM claims_import_stage s
      JOIN claims_import_claim_keys ck ON ck.key = s.key
      JOIN claims c ON c.id = ck.id
      LEFT JOIN hedge_terms h ON h.phrase = s.hedge
     CROSS JOIN timestamps t
     CROSS JOIN LATERAL (VALUES ('kind', c.kind, s.kind),
                                ('made_at', c.made_at::text, s.made_at::text),
                                ('expected_by', c.expected_by::text, s.expected_by::text),
                                ('probability', c.probability::text, coalesce(s.probability, h.probability)::text),
                                ('retraction',
                                 to_char(c.retracted_at AT TIME ZONE 'UTC', t.fmt) || ' (' || c.retraction_reason || ')',
                                 CASE WHEN s.recorded_at IS NOT NULL
                                      THEN to_char(s.recorded_at AT TIME ZONE 'UTC', t.fmt) || ' (' || s.description || ')'
                                 END)) d (field, stored, given)
     WHERE s.rtype = 'claim' AND s.error IS NULL AND d.stored IS DISTINCT FROM d.given
       AND (d.field <> 'retraction' OR s.recorded_at IS NOT NULL)
),
appearance AS (
    SELECT s.line, s.part, 'appearance ' || ap.id, d.field, d.stored, d.given
      FROM claims_import_stage s
      JOIN claims_import_claim_keys ck ON ck.key = s.ref1
      JOIN claims_import_source_keys sk ON sk.key = s.ref2
      JOIN appearances ap ON ap.claim_id = ck.id AND ap.source_id = sk.id
                         AND md5(ap.quote) = md5(s.quote) AND ap.quote = s.quote
      LEFT JOIN claims_import_stage v ON v.rtype = 'appearance' AND v.key = s.ref3 AND v.error IS NULL
      LEFT JOIN claims_import_claim_keys vck ON vck.key = v.ref1
      LEFT JOIN claims_import_source_keys vsk ON vsk.key = v.ref2
      LEFT JOIN appearances via ON via.claim_id = vck.id AND via.source_id = vsk.id
                               AND md5(via.quote) = md5(v.quote) AND via.quote = v.quote
     CROSS JOIN LATERAL (VALUES ('attribution', ap.attribution, s.attribution),
                                ('via', 'appearance ' || ap.via_appearance_id, 'appearance ' || via.id)) d (field, stored, given)
     WHERE s.rtype = 'appearance' AND s.error IS NULL AND d.stored IS DISTINCT FROM d.given
)
SELECT line, part, what, field, stored, given FROM (
    SELECT * FROM hedge UNION ALL SELECT * FROM analyst UNION ALL SELECT * FROM source
    UNION ALL SELECT * FROM claim UNION ALL SELECT * FROM appearance
) AS differences
ORDER BY line, part NULLS FIRST, field

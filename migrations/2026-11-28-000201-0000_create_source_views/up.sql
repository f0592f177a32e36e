-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Claims by source and by publisher, and reported speech traced to its origin.
-- claim_overview names the first source only and counts quotes (appearances), so
-- "claims in more than one source" and "per publisher" need these. Like every view,
-- they leave out retracted claims.

CREATE VIEW claim_sources AS
WITH per_source AS (
    -- Grouped by claim_id first, so WHERE claim_id = … reaches appearances_claim_source_quote_key.
    SELECT ap.claim_id, ap.source_id, min(ap.id) AS first_appearance_id, count(*) AS quote_count
      FROM appearances ap
     GROUP BY ap.claim_id, ap.source_id
)
SELECT ps.claim_id,
       ps.source_id,
       s.title AS source_title,
       s.url AS source_url,
       s.kind AS source_kind,
       s.publisher,
       s.published_on,
       ps.first_appearance_id,
       first.quote AS first_quote,
       first.attribution AS first_attribution,
       ps.quote_count
  FROM per_source ps
  JOIN claims c ON c.id = ps.claim_id
  JOIN sources s ON s.id = ps.source_id
  JOIN appearances first ON first.id = ps.first_appearance_id
 WHERE c.retracted_at IS NULL;
COMMENT ON VIEW claim_sources IS 'One row per claim and source it appears in (retracted claims left out): the source, its publisher, the first appearance of the claim in it and how many quotes of the claim it has. Claims in more than one source: GROUP BY claim_id HAVING count(*) > 1 (claim_overview.appearance_count counts quotes, not sources).';
COMMENT ON COLUMN claim_sources.claim_id IS 'claims.id';
COMMENT ON COLUMN claim_sources.source_id IS 'sources.id';
COMMENT ON COLUMN claim_sources.source_title IS 'sources.title';
COMMENT ON COLUMN claim_sources.source_url IS 'sources.url; NULL for a copy with no URL.';
COMMENT ON COLUMN claim_sources.source_kind IS 'article, report, transcript, post, statement or other.';
COMMENT ON COLUMN claim_sources.publisher IS 'sources.publisher, as written; NULL when the source names none.';
COMMENT ON COLUMN claim_sources.published_on IS 'Publication day of the source, if known.';
COMMENT ON COLUMN claim_sources.first_appearance_id IS 'The claim''s first recorded appearance in this source (lowest appearances.id).';
COMMENT ON COLUMN claim_sources.first_quote IS 'Its quote.';
COMMENT ON COLUMN claim_sources.first_attribution IS 'Its attribution: direct, paraphrase, reported or unattributed.';
COMMENT ON COLUMN claim_sources.quote_count IS 'How many appearances (quotes) of the claim this source has; 1 or more.';

CREATE VIEW reported_appearances AS
SELECT ap.id AS appearance_id,
       ap.claim_id,
       c.statement AS claim_statement,
       speaker.id AS speaker_id,
       speaker.name AS speaker,
       ap.source_id,
       s.title AS source_title,
       s.publisher,
       ap.quote,
       ap.via_appearance_id,
       via_source.id AS via_source_id,
       via_source.title AS via_source_title,
       via_source.publisher AS via_publisher,
       origin.appearance_id AS origin_appearance_id,
       origin_source.id AS origin_source_id,
       origin_source.title AS origin_source_title,
       origin_source.publisher AS origin_publisher,
       origin_appearance.attribution AS origin_attribution,
       origin.hops
  FROM appearances ap
  JOIN claims c ON c.id = ap.claim_id
  JOIN analysts speaker ON speaker.id = c.analyst_id
  JOIN sources s ON s.id = ap.source_id
  LEFT JOIN appearances via ON via.id = ap.via_appearance_id
  LEFT JOIN sources via_source ON via_source.id = via.source_id
  -- Per row, so a filter on the outer appearances (WHERE claim_id = …) bounds the walk.
  CROSS JOIN LATERAL (
        WITH RECURSIVE chain (appearance_id, next_id, hops, path) AS (
            SELECT ap.id, ap.via_appearance_id, 0, ARRAY[ap.id]
            UNION ALL
            SELECT up.id, up.via_appearance_id, chain.hops + 1, chain.path || up.id
              FROM chain
              JOIN appearances up ON up.id = chain.next_id
             -- via_appearance_id can be edited into a loop; stop where one closes.
             WHERE up.id <> ALL (chain.path)
        )
        SELECT chain.appearance_id, chain.hops
          FROM chain
         ORDER BY chain.hops DESC
         LIMIT 1) AS origin
  JOIN appearances origin_appearance ON origin_appearance.id = origin.appearance_id
  JOIN sources origin_source ON origin_source.id = origin_appearance.source_id
 WHERE ap.attribution = 'reported'
   AND c.retracted_at IS NULL;
COMMENT ON VIEW reported_appearances IS 'Reported speech: every appearance with attribution = ''reported'' (retracted claims left out), with the original speaker (the claim''s analyst), the source that reports it, the appearance and source it came via, and the origin of the chain: the first appearance reached by following via_appearance_id to its end (the appearance itself when it has no via).';
COMMENT ON COLUMN reported_appearances.appearance_id IS 'appearances.id of the reported appearance.';
COMMENT ON COLUMN reported_appearances.claim_id IS 'The claim reported.';
COMMENT ON COLUMN reported_appearances.claim_statement IS 'Its statement.';
COMMENT ON COLUMN reported_appearances.speaker_id IS 'The original speaker: the analyst who made the claim (analysts.id).';
COMMENT ON COLUMN reported_appearances.speaker IS 'Their name.';
COMMENT ON COLUMN reported_appearances.source_id IS 'The source (outlet) that reports it.';
COMMENT ON COLUMN reported_appearances.source_title IS 'Its title.';
COMMENT ON COLUMN reported_appearances.publisher IS 'Its publisher, if named.';
COMMENT ON COLUMN reported_appearances.quote IS 'The passage as this source prints it.';
COMMENT ON COLUMN reported_appearances.via_appearance_id IS 'The appearance this one relays, if recorded.';
COMMENT ON COLUMN reported_appearances.via_source_id IS 'The source of that appearance: the outlet it came via.';
COMMENT ON COLUMN reported_appearances.via_source_title IS 'Its title.';
COMMENT ON COLUMN reported_appearances.via_publisher IS 'Its publisher, if named.';
COMMENT ON COLUMN reported_appearances.origin_appearance_id IS 'The first appearance of the chain (via_appearance_id followed to its end); this appearance itself when it relays nothing recorded.';
COMMENT ON COLUMN reported_appearances.origin_source_id IS 'The source of the origin appearance.';
COMMENT ON COLUMN reported_appearances.origin_source_title IS 'Its title.';
COMMENT ON COLUMN reported_appearances.origin_publisher IS 'Its publisher, if named.';
COMMENT ON COLUMN reported_appearances.origin_attribution IS 'How the origin attributes the claim (direct when the speaker said it there).';
COMMENT ON COLUMN reported_appearances.hops IS 'Relays between this appearance and the origin: 0 when it relays nothing recorded, 1 when it came straight via the origin.';

CREATE VIEW publisher_record AS
-- Each claim once per publisher, however many of its sources or quotes carry it; then
-- plain counts (no count(DISTINCT …) per status).
WITH carried AS (
    SELECT s.publisher, ap.claim_id
      FROM appearances ap
      JOIN sources s ON s.id = ap.source_id
     GROUP BY s.publisher, ap.claim_id
)
SELECT cr.publisher,
       count(*) AS claims_carried,
       count(*) FILTER (WHERE vs.accuracy_weight IS NOT NULL) AS settled,
       count(*) FILTER (WHERE c.status = 'confirmed') AS confirmed,
       count(*) FILTER (WHERE c.status = 'mostly_true') AS mostly_true,
       count(*) FILTER (WHERE c.status = 'mixed') AS mixed,
       count(*) FILTER (WHERE c.status = 'misleading') AS misleading,
       count(*) FILTER (WHERE c.status = 'refuted') AS refuted,
       count(*) FILTER (WHERE c.status = 'unverifiable') AS unverifiable,
       count(*) FILTER (WHERE c.status = 'unverified') AS unverified,
       (count(*) FILTER (WHERE c.status IN ('refuted', 'misleading'))::double precision
           / nullif(count(*) FILTER (WHERE vs.accuracy_weight IS NOT NULL), 0)) AS refuted_or_misleading_share,
       (count(*) FILTER (WHERE c.status = 'unverified')::double precision / count(*)) AS unverified_share
  FROM carried cr
  JOIN claims c ON c.id = cr.claim_id
  JOIN verdict_statuses vs ON vs.status = c.status
 WHERE c.retracted_at IS NULL
 GROUP BY cr.publisher;
COMMENT ON VIEW publisher_record IS 'One row per publisher (sources.publisher as written; NULL for sources that name none): how many claims its sources carried, each claim counted once however many of its sources or quotes carry it, how they stand now, the share of settled claims refuted or misleading and the share still unverified (retracted claims left out).';
COMMENT ON COLUMN publisher_record.publisher IS 'sources.publisher, exactly as written (spellings are not merged); NULL for sources that name no publisher.';
COMMENT ON COLUMN publisher_record.claims_carried IS 'Distinct claims appearing in at least one source of this publisher.';
COMMENT ON COLUMN publisher_record.settled IS 'Of those, claims whose status has an accuracy weight (confirmed … refuted).';
COMMENT ON COLUMN publisher_record.confirmed IS 'Claims carried whose status is confirmed.';
COMMENT ON COLUMN publisher_record.mostly_true IS 'Claims carried whose status is mostly_true.';
COMMENT ON COLUMN publisher_record.mixed IS 'Claims carried whose status is mixed.';
COMMENT ON COLUMN publisher_record.misleading IS 'Claims carried whose status is misleading.';
COMMENT ON COLUMN publisher_record.refuted IS 'Claims carried whose status is refuted.';
COMMENT ON COLUMN publisher_record.unverifiable IS 'Claims carried reviewed but found unverifiable.';
COMMENT ON COLUMN publisher_record.unverified IS 'Claims carried with no verdict yet.';
COMMENT ON COLUMN publisher_record.refuted_or_misleading_share IS '(refuted + misleading) / settled, 0..1; NULL with none settled.';
COMMENT ON COLUMN publisher_record.unverified_share IS 'unverified / claims_carried, 0..1.';

COMMENT ON COLUMN claim_overview.source_id IS 'The first source (earliest published, then first recorded) the claim appears in; every source is in claim_sources.';
COMMENT ON COLUMN claim_overview.appearance_count IS 'How many appearances (quotes in sources) the claim has: quotes, not sources, since one source may quote a claim twice; claim_sources has a row per source.';

GRANT SELECT ON claim_sources, reported_appearances, publisher_record TO claims_reader, claims_writer;

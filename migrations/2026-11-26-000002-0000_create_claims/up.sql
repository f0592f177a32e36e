-- Every index below is on a table this migration creates, still empty, so a
-- plain CREATE INDEX blocks nothing (and CONCURRENTLY cannot run inside the
-- transaction diesel wraps each migration in).
-- squawk-ignore-file require-concurrent-index-creation
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Claims, where they appear, how they relate, and the status vocabulary.

-- A lookup table keyed by its code rather than a surrogate id: analysts write
-- WHERE status = 'refuted', and the codes are part of the CLI contract.
CREATE TABLE verdict_statuses (
    status text PRIMARY KEY,
    label text NOT NULL,
    -- Holds 1..5: a 32-bit integer is ample.
    -- squawk-ignore prefer-bigint-over-int
    rating_value integer,
    alternate_name text NOT NULL,
    claimskg_rating text NOT NULL,
    is_verdict boolean NOT NULL,
    description text NOT NULL,
    CONSTRAINT verdict_statuses_status_format CHECK (status ~ '^[a-z_]+$'),
    CONSTRAINT verdict_statuses_rating_value_check CHECK (rating_value BETWEEN 1 AND 5),
    CONSTRAINT verdict_statuses_claimskg_rating_check CHECK (claimskg_rating IN ('TRUE', 'MIXTURE', 'FALSE', 'OTHER'))
);
COMMENT ON TABLE verdict_statuses IS 'The status vocabulary and its mapping to ClaimReview (schema.org, bestRating 5, worstRating 1) and to the ClaimsKG normalized rating.';
COMMENT ON COLUMN verdict_statuses.status IS 'Code used in claims.status and verifications.status, and by `claims verify --status`.';
COMMENT ON COLUMN verdict_statuses.label IS 'Human-readable label.';
COMMENT ON COLUMN verdict_statuses.rating_value IS 'ClaimReview reviewRating.ratingValue, 1 (false) .. 5 (true); NULL where no numeric rating applies (unverifiable, unverified).';
COMMENT ON COLUMN verdict_statuses.alternate_name IS 'ClaimReview reviewRating.alternateName: the rating in words.';
COMMENT ON COLUMN verdict_statuses.claimskg_rating IS 'ClaimsKG normalized rating: TRUE, MIXTURE, FALSE or OTHER.';
COMMENT ON COLUMN verdict_statuses.is_verdict IS 'True for statuses a verification can record; false for the implicit ''unverified''.';
COMMENT ON COLUMN verdict_statuses.description IS 'When to use this status.';

INSERT INTO verdict_statuses (status, label, rating_value, alternate_name, claimskg_rating, is_verdict, description) VALUES
    ('confirmed',    'Confirmed',    5,    'True',         'TRUE',    true,  'The evidence shows the claim is accurate.'),
    ('mostly_true',  'Mostly true',  4,    'Mostly true',  'TRUE',    true,  'Accurate in substance, with minor errors or missing detail.'),
    ('mixed',        'Mixed',        3,    'Half true',    'MIXTURE', true,  'Partly accurate and partly not.'),
    ('misleading',   'Misleading',   2,    'Misleading',   'MIXTURE', true,  'Contains accurate elements but gives a false impression.'),
    ('refuted',      'Refuted',      1,    'False',        'FALSE',   true,  'The evidence shows the claim is false (for predictions: it did not happen as stated).'),
    ('unverifiable', 'Unverifiable', NULL, 'Unverifiable', 'OTHER',   true,  'Reviewed, but the evidence cannot settle it.'),
    ('unverified',   'Unverified',   NULL, 'Unverified',   'OTHER',   false, 'No verdict yet (implicit: never recorded by a verification).');

CREATE TABLE claims (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    analyst_id bigint NOT NULL REFERENCES analysts (id) ON DELETE RESTRICT,
    statement text NOT NULL,
    kind text NOT NULL DEFAULT 'fact',
    made_at date,
    expected_by date,
    probability double precision,
    status text NOT NULL DEFAULT 'unverified' REFERENCES verdict_statuses (status) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT claims_statement_not_blank CHECK (btrim(statement) <> ''),
    CONSTRAINT claims_statement_length CHECK (char_length(statement) <= 2000),
    CONSTRAINT claims_kind_check CHECK (kind IN ('fact', 'prediction', 'assessment')),
    CONSTRAINT claims_expected_by_only_for_predictions CHECK (expected_by IS NULL OR kind = 'prediction'),
    CONSTRAINT claims_expected_by_after_made_at CHECK (expected_by IS NULL OR made_at IS NULL OR expected_by >= made_at),
    CONSTRAINT claims_probability_range CHECK (probability BETWEEN 0 AND 1),
    CONSTRAINT claims_analyst_statement_key UNIQUE (analyst_id, statement)
);
-- Serves `claims report --unverified` (oldest first) without scanning settled claims.
CREATE INDEX claims_unverified_made_at_idx ON claims (made_at, id) WHERE status = 'unverified';
CREATE INDEX claims_status_idx ON claims (status);
COMMENT ON TABLE claims IS 'One checkable proposition, written as a neutral sentence, made by one analyst. How it was worded in each source is in appearances.';
COMMENT ON COLUMN claims.id IS 'Surrogate key; the CLAIM argument of the CLI.';
COMMENT ON COLUMN claims.analyst_id IS 'Who made the claim. An analyst with claims cannot be deleted.';
COMMENT ON COLUMN claims.statement IS 'The proposition as a neutral sentence (1..2000 characters); unique per analyst, so the same analyst saying the same thing in another source is another appearance of one claim.';
COMMENT ON COLUMN claims.kind IS 'fact (about the present or past), prediction (about the future; may carry expected_by) or assessment (a judgement or estimate).';
COMMENT ON COLUMN claims.made_at IS 'Day the claim was made, if known (often the publication day of the first source).';
COMMENT ON COLUMN claims.expected_by IS 'Predictions only: the last day by which the prediction should come true, stated or implied ("within days").';
COMMENT ON COLUMN claims.probability IS 'Stated or inferred probability that the claim is true, 0..1; NULL when none was given.';
COMMENT ON COLUMN claims.status IS 'Current status: the status of the latest verification (latest effective_at, then latest recorded_at, then highest id), or ''unverified''. Kept by the verifications trigger; cannot be set directly.';
COMMENT ON COLUMN claims.created_at IS 'When the row was recorded.';

CREATE TABLE appearances (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    source_id bigint NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    quote text NOT NULL,
    attribution text NOT NULL DEFAULT 'direct',
    via_appearance_id bigint REFERENCES appearances (id) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT appearances_quote_not_blank CHECK (btrim(quote) <> ''),
    CONSTRAINT appearances_attribution_check CHECK (attribution IN ('direct', 'paraphrase', 'reported', 'unattributed')),
    CONSTRAINT appearances_not_via_itself CHECK (via_appearance_id <> id)
);
-- Natural key: one quote of one claim in one source. md5 keeps long quotes under the btree row limit.
CREATE UNIQUE INDEX appearances_claim_source_quote_key ON appearances (claim_id, source_id, md5(quote));
CREATE INDEX appearances_source_id_idx ON appearances (source_id);
CREATE INDEX appearances_via_appearance_id_idx ON appearances (via_appearance_id);
COMMENT ON TABLE appearances IS 'A claim as it appears in one source: the verbatim text and how the source attributes it.';
COMMENT ON COLUMN appearances.id IS 'Surrogate key; the APPEARANCE argument of `--via`.';
COMMENT ON COLUMN appearances.claim_id IS 'The claim; deleting a claim deletes its appearances.';
COMMENT ON COLUMN appearances.source_id IS 'The source it appears in; a source with appearances cannot be deleted.';
COMMENT ON COLUMN appearances.quote IS 'The passage exactly as the source prints it (verbatim, even for a paraphrase).';
COMMENT ON COLUMN appearances.attribution IS 'direct (a direct quote), paraphrase (the source restates the analyst), reported (the source relays what the analyst told someone else) or unattributed (no speaker named).';
COMMENT ON COLUMN appearances.via_appearance_id IS 'For reported speech: the appearance this one relays (outlet B reporting what officials told outlet A).';
COMMENT ON COLUMN appearances.created_at IS 'When the row was recorded.';

CREATE TABLE claim_links (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    relation text NOT NULL,
    to_claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT claim_links_relation_check CHECK (relation IN ('supports', 'contradicts', 'denies', 'duplicates', 'refines', 'supersedes')),
    CONSTRAINT claim_links_no_self_link CHECK (from_claim_id <> to_claim_id),
    CONSTRAINT claim_links_from_relation_to_key UNIQUE (from_claim_id, relation, to_claim_id)
);
CREATE INDEX claim_links_to_claim_id_idx ON claim_links (to_claim_id);
COMMENT ON TABLE claim_links IS 'Typed relations between claims, read as "from_claim relation to_claim": claim 7 denies claim 6.';
COMMENT ON COLUMN claim_links.id IS 'Surrogate key.';
COMMENT ON COLUMN claim_links.from_claim_id IS 'The claim that supports, contradicts, denies, duplicates, refines or supersedes.';
COMMENT ON COLUMN claim_links.relation IS 'supports, contradicts, denies (an explicit rebuttal by an involved party), duplicates, refines or supersedes.';
COMMENT ON COLUMN claim_links.to_claim_id IS 'The claim it is said of. Never the same as from_claim_id; one link per (from, relation, to).';
COMMENT ON COLUMN claim_links.note IS 'Why the link holds, free text.';
COMMENT ON COLUMN claim_links.created_at IS 'When the row was recorded.';

CREATE TABLE tags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL DEFAULT 'topic',
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tags_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT tags_kind_check CHECK (kind IN ('topic', 'person', 'organization', 'place', 'event', 'other')),
    CONSTRAINT tags_name_key UNIQUE (name)
);
COMMENT ON TABLE tags IS 'Topic labels and named entities (Putin, Vladivostok) attached to claims.';
COMMENT ON COLUMN tags.id IS 'Surrogate key.';
COMMENT ON COLUMN tags.name IS 'The label; unique.';
COMMENT ON COLUMN tags.kind IS 'topic, person, organization, place, event or other.';
COMMENT ON COLUMN tags.created_at IS 'When the row was recorded.';

CREATE TABLE claim_tags (
    claim_id bigint NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (claim_id, tag_id)
);
CREATE INDEX claim_tags_tag_id_idx ON claim_tags (tag_id);
COMMENT ON TABLE claim_tags IS 'Which tags are attached to which claims.';
COMMENT ON COLUMN claim_tags.claim_id IS 'The claim; deleting it removes its tags.';
COMMENT ON COLUMN claim_tags.tag_id IS 'The tag; deleting it removes it from every claim.';
COMMENT ON COLUMN claim_tags.created_at IS 'When the tag was attached.';

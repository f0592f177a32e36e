-- Every index below is on a table this migration creates, still empty, so a
-- plain CREATE INDEX blocks nothing (and CONCURRENTLY cannot run inside the
-- transaction diesel wraps each migration in).
-- squawk-ignore-file require-concurrent-index-creation
-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Who makes claims (analysts, with their affiliations to organizations) and
-- where claims appear (sources). Tables whose names are part of the public SQL API.

CREATE TABLE organizations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organizations_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT organizations_name_key UNIQUE (name)
);
COMMENT ON TABLE organizations IS 'Companies, agencies, think tanks, governments and outlets that analysts are affiliated with.';
COMMENT ON COLUMN organizations.id IS 'Surrogate key.';
COMMENT ON COLUMN organizations.name IS 'Name as written by the organization itself, e.g. "Scarab Rising, Inc."; unique.';
COMMENT ON COLUMN organizations.description IS 'Free text: what the organization is.';
COMMENT ON COLUMN organizations.created_at IS 'When the row was recorded.';

CREATE TABLE analysts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL DEFAULT 'person',
    description text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analysts_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT analysts_kind_check CHECK (kind IN ('person', 'organization', 'group', 'unattributed')),
    CONSTRAINT analysts_name_key UNIQUE (name)
);
COMMENT ON TABLE analysts IS 'Anyone who makes claims or records verdicts: a named person, an organization, an anonymous group ("US officials") or an unattributed voice ("some believe").';
COMMENT ON COLUMN analysts.id IS 'Surrogate key.';
COMMENT ON COLUMN analysts.name IS 'Display name and natural key (unique): "Irina Tsukerman", "US officials". Two people with one name are told apart by a suffix, e.g. "John Smith (BBC)".';
COMMENT ON COLUMN analysts.kind IS 'person, organization, group (an anonymous collective such as "US officials") or unattributed (a voice with no speaker, such as "some believe").';
COMMENT ON COLUMN analysts.description IS 'Free text: who this is, as the sources describe them ("geopolitical analyst").';
COMMENT ON COLUMN analysts.created_at IS 'When the row was recorded.';

CREATE TABLE affiliations (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    analyst_id bigint NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    organization_id bigint NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
    title text,
    valid_from date,
    valid_until date,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT affiliations_title_not_blank CHECK (title IS NULL OR btrim(title) <> ''),
    CONSTRAINT affiliations_period_check CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from),
    CONSTRAINT affiliations_analyst_organization_title_key UNIQUE NULLS NOT DISTINCT (analyst_id, organization_id, title, valid_from)
);
CREATE INDEX affiliations_organization_id_idx ON affiliations (organization_id);
COMMENT ON TABLE affiliations IS 'An analyst''s role at an organization over a period: "President, Scarab Rising, Inc.".';
COMMENT ON COLUMN affiliations.id IS 'Surrogate key.';
COMMENT ON COLUMN affiliations.analyst_id IS 'The analyst; deleting the analyst deletes their affiliations.';
COMMENT ON COLUMN affiliations.organization_id IS 'The organization; an organization with affiliations cannot be deleted.';
COMMENT ON COLUMN affiliations.title IS 'Role or title at the organization ("President"), if known.';
COMMENT ON COLUMN affiliations.valid_from IS 'First day of the affiliation, if known.';
COMMENT ON COLUMN affiliations.valid_until IS 'Last day of the affiliation, if known; NULL while current or unknown.';
COMMENT ON COLUMN affiliations.created_at IS 'When the row was recorded.';

CREATE TABLE sources (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    url text,
    title text NOT NULL,
    kind text NOT NULL DEFAULT 'article',
    publisher text,
    author text,
    published_on date,
    retrieved_at timestamptz,
    archived_url text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sources_title_not_blank CHECK (btrim(title) <> ''),
    CONSTRAINT sources_url_not_blank CHECK (url IS NULL OR btrim(url) <> ''),
    CONSTRAINT sources_kind_check CHECK (kind IN ('article', 'report', 'transcript', 'post', 'statement', 'other')),
    CONSTRAINT sources_url_key UNIQUE (url)
);
-- A source without a URL is identified by title, publisher, author and day (md5 keeps
-- long titles under the btree row limit); two such rows alike would be one source twice.
CREATE UNIQUE INDEX sources_without_url_key
    ON sources (md5(title), publisher, author, published_on) NULLS NOT DISTINCT
    WHERE url IS NULL;
CREATE INDEX sources_publisher_idx ON sources (publisher);
COMMENT ON TABLE sources IS 'Documents in which claims appear: articles, reports, transcripts, posts, statements.';
COMMENT ON COLUMN sources.id IS 'Surrogate key.';
COMMENT ON COLUMN sources.url IS 'Canonical URL, normalized by the CLI (lower-case scheme and host, no default port, no fragment); unique when present, NULL for copies with no URL.';
COMMENT ON COLUMN sources.title IS 'Title or headline as published.';
COMMENT ON COLUMN sources.kind IS 'article, report, transcript, post, statement or other.';
COMMENT ON COLUMN sources.publisher IS 'Outlet or publisher, if the source names one.';
COMMENT ON COLUMN sources.author IS 'Byline, if the source gives one.';
COMMENT ON COLUMN sources.published_on IS 'Day of publication, if known.';
COMMENT ON COLUMN sources.retrieved_at IS 'When the copy the claims were taken from was retrieved, if known.';
COMMENT ON COLUMN sources.archived_url IS 'URL of an archived copy (e.g. a web archive snapshot), if any.';
COMMENT ON COLUMN sources.created_at IS 'When the row was recorded.';

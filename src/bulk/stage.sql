-- The staging table of a bulk import: one row per record part, COPYed in as CSV,
-- merged into the ledger in the same transaction and dropped at its end.
-- Which columns mean what depends on rtype:
-- Every row: line (the input line, or the record's ordinal in a JSON document),
-- part (where in its record: "appearances[1]"), raw, error (why it is refused)
-- and knock_on (refused only because something it depends on was).
--   hedge_term    name (phrase), probability, description (source)
--   organization  name, description
--   analyst       name, kind, description
--   affiliation   ref1 (analyst name), ref2 (organization), title, valid_from, valid_until
--   source        key, url, title, kind, publisher, author, published_on, retrieved_at, archived_url
--   tag           name, kind
--   claim         key, ref1 (analyst name), statement, kind, made_at, expected_by, probability,
--                 hedge, recorded_at (retracted at), description (retraction reason)
--   appearance    key, ref1 (claim key), ref2 (source key), ref3 (via: appearance key), quote, attribution
--   claim_tag     ref1 (claim key), name (tag)
--   link          ref1 (from claim key), ref2 (to claim key), relation, description (note)
--   verdict       ref1 (claim key), ref2 (evidence source key), ref3 (by: analyst name),
--                 status, description (note), effective_at, recorded_at
--   unreadable    nothing: a line that is not a record at all (error says why)
CREATE TEMP TABLE claims_import_stage (
    -- The order rows were read in: new rows get their ids in input order.
    seq bigint GENERATED ALWAYS AS IDENTITY,
    line bigint NOT NULL,
    rtype text NOT NULL,
    key text,
    ref1 text,
    ref2 text,
    ref3 text,
    name text,
    kind text,
    description text,
    url text,
    title text,
    publisher text,
    author text,
    published_on date,
    retrieved_at timestamptz,
    archived_url text,
    statement text,
    made_at date,
    expected_by date,
    probability double precision,
    hedge text,
    quote text,
    attribution text,
    relation text,
    status text,
    effective_at timestamptz,
    recorded_at timestamptz,
    valid_from date,
    valid_until date,
    part text,
    -- The input line as read, kept (on the line's first row) only with --rejects.
    raw text,
    error text,
    knock_on boolean NOT NULL DEFAULT false
) ON COMMIT DROP

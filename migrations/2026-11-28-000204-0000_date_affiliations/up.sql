-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- Affiliations over time: a NULL bound is open (no known start: held since ever; no
-- known end: held still), one analyst cannot hold the same title at the same
-- organization twice over one day, and affiliations_on(day) says who held what.

-- btree_gist lets one GiST index compare ids and titles with = beside dates with &&.
-- It is a trusted extension (PostgreSQL 13+): a database owner may install it without
-- superuser. In its own schema, so its ~200 support functions stay out of public (the
-- documented API); the constraint finds its operator classes whatever the search_path.
-- Where an administrator installed it already (anywhere), that copy is used as it is;
-- the schema is commented only when created here (its owner may be someone else).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'btree_gist') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'extensions') THEN
            CREATE SCHEMA extensions;
            COMMENT ON SCHEMA extensions IS 'Extensions the claims ledger uses (btree_gist), kept out of schema public.';
        END IF;
        CREATE EXTENSION btree_gist WITH SCHEMA extensions;
    END IF;
END;
$$;

-- Rows recorded before this constraint may overlap (an import added a dated row beside
-- an undated one). Nothing here can tell which of two rows is right, so the migration
-- stops, names them and says how to resolve them, instead of choosing.
DO $$
DECLARE
    clashes text;
    n bigint;
BEGIN
    SELECT count(*),
           string_agg(format('%s and %s (analyst %s, organization %s, title %s)',
                             a.id, b.id, a.analyst_id, a.organization_id,
                             coalesce(quote_literal(a.title), 'none')), '; '
                      ORDER BY a.id, b.id)
      INTO n, clashes
      FROM public.affiliations a
      JOIN public.affiliations b
        ON b.analyst_id = a.analyst_id AND b.organization_id = a.organization_id
       AND b.title IS NOT DISTINCT FROM a.title AND b.id > a.id
       AND daterange(a.valid_from, a.valid_until, '[]') && daterange(b.valid_from, b.valid_until, '[]');
    IF n > 0 THEN
        RAISE EXCEPTION '% pair(s) of affiliations overlap (same analyst, organization and title on a common day; a NULL bound is open): %', n, clashes
            USING ERRCODE = 'exclusion_violation',
                  HINT = 'Resolve each pair, then migrate again: give them periods that do not overlap (UPDATE affiliations SET valid_until = ''YYYY-MM-DD'' WHERE id = ...; an undated row is open at both ends), or delete the duplicate (DELETE FROM affiliations WHERE id = ...).';
    END IF;
END;
$$;

-- affiliations is small (a few rows per analyst) and the index is built under the
-- ACCESS EXCLUSIVE lock this takes; lock_timeout above bounds the wait for it.
-- PostgreSQL has no NOT VALID for exclusion constraints, and the check above has
-- just proved every row satisfies it.
-- squawk-ignore constraint-missing-not-valid
ALTER TABLE affiliations ADD CONSTRAINT affiliations_no_overlap
    EXCLUDE USING gist (
        analyst_id WITH =,
        organization_id WITH =,
        (coalesce(title, '')) WITH =,
        (daterange(valid_from, valid_until, '[]')) WITH &&
    );
COMMENT ON CONSTRAINT affiliations_no_overlap ON affiliations IS 'One analyst holds one title at one organization at most once on any day: periods (valid_from .. valid_until, both days included, a NULL bound open) of the same analyst, organization and title (no title counts as one title) must not overlap.';

COMMENT ON COLUMN affiliations.valid_from IS 'First day of the affiliation (included). NULL: open, no known start; the affiliation counts as held on every day up to valid_until.';
COMMENT ON COLUMN affiliations.valid_until IS 'Last day of the affiliation (included). NULL: open, no known end (current, or the end is unknown); the affiliation counts as held on every day from valid_from on.';
COMMENT ON TABLE affiliations IS 'An analyst''s role at an organization over a period: "President, Scarab Rising, Inc.". Periods of the same analyst, organization and title never overlap (affiliations_no_overlap); affiliations_on(day) lists those held on a day.';

CREATE FUNCTION affiliations_on(day date)
RETURNS TABLE (
    analyst_id bigint,
    analyst_name text,
    organization_name text,
    title text,
    organization_id bigint,
    affiliation_id bigint,
    valid_from date,
    valid_until date
)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT a.id, a.name, o.name, f.title, o.id, f.id, f.valid_from, f.valid_until
      FROM public.affiliations f
      JOIN public.analysts a ON a.id = f.analyst_id
      JOIN public.organizations o ON o.id = f.organization_id
     WHERE (f.valid_from IS NULL OR f.valid_from <= day)
       AND (f.valid_until IS NULL OR f.valid_until >= day)
     ORDER BY a.name, o.name, f.title NULLS FIRST
$$;
COMMENT ON FUNCTION affiliations_on(date) IS 'The affiliations held on a day, one row each: analyst_id, analyst_name, organization_name, title, then organization_id, affiliation_id, valid_from, valid_until. Both bounds count as held and a NULL bound is open, so an undated affiliation is held on every day. NULL day: no rows. Claims made by someone affiliated at the time: JOIN LATERAL affiliations_on(c.made_at) f ON f.analyst_id = c.analyst_id (one row per affiliation held; use EXISTS for one per claim).';

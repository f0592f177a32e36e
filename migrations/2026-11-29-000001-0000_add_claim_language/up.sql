-- Fail fast instead of queueing behind long transactions on a live database.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

-- The language of each claim, so full-text search can stem it with the right
-- dictionary and imports can keep what a fact-checker's feed says
-- (inLanguage / languageCode). A claim recorded without one gets the ledger's
-- default language, a setting kept in ledger_settings.

CREATE TABLE ledger_settings (
    singleton boolean PRIMARY KEY DEFAULT true,
    default_language text NOT NULL DEFAULT 'en',
    CONSTRAINT ledger_settings_one_row CHECK (singleton),
    CONSTRAINT ledger_settings_default_language_format
        CHECK (default_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' AND char_length(default_language) <= 35)
);
COMMENT ON TABLE ledger_settings IS 'Settings of the whole ledger: exactly one row.';
COMMENT ON COLUMN ledger_settings.singleton IS 'Always true: the key that keeps the table to one row.';
COMMENT ON COLUMN ledger_settings.default_language IS 'Language (BCP 47 tag, primary subtag lower-case: "en", "pt-BR") given to claims recorded without one. Changing it does not change claims already recorded.';
INSERT INTO ledger_settings DEFAULT VALUES;
GRANT SELECT ON ledger_settings TO claims_reader, claims_writer;
GRANT UPDATE ON ledger_settings TO claims_writer;

CREATE FUNCTION claims_default_language() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT s.default_language FROM public.ledger_settings s
$$;
COMMENT ON FUNCTION claims_default_language() IS 'ledger_settings.default_language: the default of claims.language.';

CREATE FUNCTION text_search_config(language text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, public, pg_temp
AS $$
    SELECT (CASE lower(split_part(language, '-', 1))
        WHEN 'ar' THEN 'pg_catalog.arabic'
        WHEN 'hy' THEN 'pg_catalog.armenian'
        WHEN 'eu' THEN 'pg_catalog.basque'
        WHEN 'ca' THEN 'pg_catalog.catalan'
        WHEN 'da' THEN 'pg_catalog.danish'
        WHEN 'nl' THEN 'pg_catalog.dutch'
        WHEN 'en' THEN 'pg_catalog.english'
        WHEN 'fi' THEN 'pg_catalog.finnish'
        WHEN 'fr' THEN 'pg_catalog.french'
        WHEN 'de' THEN 'pg_catalog.german'
        WHEN 'el' THEN 'pg_catalog.greek'
        WHEN 'hi' THEN 'pg_catalog.hindi'
        WHEN 'hu' THEN 'pg_catalog.hungarian'
        WHEN 'id' THEN 'pg_catalog.indonesian'
        WHEN 'ga' THEN 'pg_catalog.irish'
        WHEN 'it' THEN 'pg_catalog.italian'
        WHEN 'lt' THEN 'pg_catalog.lithuanian'
        WHEN 'ne' THEN 'pg_catalog.nepali'
        WHEN 'no' THEN 'pg_catalog.norwegian'
        WHEN 'nb' THEN 'pg_catalog.norwegian'
        WHEN 'nn' THEN 'pg_catalog.norwegian'
        WHEN 'pt' THEN 'pg_catalog.portuguese'
        WHEN 'ro' THEN 'pg_catalog.romanian'
        WHEN 'ru' THEN 'pg_catalog.russian'
        WHEN 'sr' THEN 'pg_catalog.serbian'
        WHEN 'es' THEN 'pg_catalog.spanish'
        WHEN 'sv' THEN 'pg_catalog.swedish'
        WHEN 'ta' THEN 'pg_catalog.tamil'
        WHEN 'tr' THEN 'pg_catalog.turkish'
        WHEN 'yi' THEN 'pg_catalog.yiddish'
        ELSE 'pg_catalog.simple'
    END)::regconfig
$$;
COMMENT ON FUNCTION text_search_config(text) IS 'The text-search configuration for a language tag: PostgreSQL''s stemming dictionary for the languages it has one for (by the tag''s primary subtag: "pt-BR" is portuguese), else simple (words lower-cased, no stemming: right for any script, e.g. Chinese, Urdu, Bengali).';

-- The constant default makes the new column instant on a large table (no rewrite);
-- new rows then take the ledger's setting.
ALTER TABLE claims ADD COLUMN language text NOT NULL DEFAULT 'en';
ALTER TABLE claims ALTER COLUMN language SET DEFAULT claims_default_language();
-- Checked for new rows now; existing rows all hold 'en', and the next migration
-- validates them without blocking writes.
ALTER TABLE claims ADD CONSTRAINT claims_language_format
    CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' AND char_length(language) <= 35) NOT VALID;
-- Re-applied after down.sql: the languages and the setting come back as they were.
DO $$
BEGIN
    IF to_regclass('public.migration_stash_claims_language') IS NOT NULL THEN
        UPDATE claims c SET language = s.language
          FROM migration_stash_claims_language s WHERE c.id = s.claim_id;
        UPDATE ledger_settings SET default_language = s.default_language
          FROM migration_stash_ledger_settings s;
        DROP TABLE migration_stash_claims_language;
        DROP TABLE migration_stash_ledger_settings;
    END IF;
END;
$$;
COMMENT ON COLUMN claims.language IS 'Language of the statement, a BCP 47 tag with the primary subtag lower-case ("en", "fr", "pt-BR", "und" when undetermined); defaults to ledger_settings.default_language. text_search_config(language) picks its full-text dictionary.';

-- A down migration drops what its up.sql created; what the earlier schema cannot
-- hold is stashed, and up.sql puts it back when re-applied.
-- squawk-ignore-file ban-drop-table, ban-drop-function, ban-drop-column
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

CREATE TABLE migration_stash_claims_language AS
SELECT id AS claim_id, language FROM claims WHERE language <> 'en';
CREATE TABLE migration_stash_ledger_settings AS SELECT default_language FROM ledger_settings;

ALTER TABLE claims DROP COLUMN language;
DROP FUNCTION text_search_config(text);
DROP FUNCTION claims_default_language();
DROP TABLE ledger_settings;

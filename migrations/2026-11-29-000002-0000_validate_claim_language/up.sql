-- Validates claims_language_format over the existing rows. VALIDATE takes only a
-- SHARE UPDATE EXCLUSIVE lock, so reads and writes go on while it scans; the scan
-- grows with the ledger, so it gets more time than the usual 60 s.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30min';
ALTER TABLE claims VALIDATE CONSTRAINT claims_language_format;

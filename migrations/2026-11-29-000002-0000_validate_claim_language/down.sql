-- Restores the NOT VALID state of add_claim_language: the rule holds for new rows only.
-- squawk-ignore-file ban-drop-constraint
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';
ALTER TABLE claims DROP CONSTRAINT claims_language_format;
ALTER TABLE claims ADD CONSTRAINT claims_language_format
    CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$' AND char_length(language) <= 35) NOT VALID;

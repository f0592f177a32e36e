-- Two edits of the summit prediction's statement, by two people (audit_log keeps
-- both). Run it as the owner or a claims_writer, inside BEGIN … ROLLBACK (see
-- "Setups" above): SET LOCAL lasts until the end of the transaction.
SET LOCAL claims.actor = 'ann';
UPDATE claims
   SET statement = 'Vladimir Putin and Kim Jong Un will meet within days.'
 WHERE statement = 'Vladimir Putin and Kim Jong Un will meet within days of the article''s publication.';
SET LOCAL claims.actor = 'bob';
UPDATE claims
   SET statement = 'Vladimir Putin and Kim Jong Un will meet in Russia within days.'
 WHERE statement = 'Vladimir Putin and Kim Jong Un will meet within days.';

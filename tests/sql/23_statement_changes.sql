-- Every change to claim 14's statement, oldest first, and who made it.
-- Setup: edits
SELECT old_value, new_value, actor FROM claim_changes
 WHERE claim_id = 14 AND field = 'statement' ORDER BY changed_at, audit_id

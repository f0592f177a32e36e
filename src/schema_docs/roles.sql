SELECT rolname AS signature, shobj_description(oid, 'pg_authid') AS comment
  FROM pg_roles WHERE rolname IN ('claims_reader', 'claims_writer') ORDER BY rolname

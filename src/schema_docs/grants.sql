-- What each claims role may do, per privilege: (role, privilege, relations).
SELECT r.rolname AS relation, a.privilege_type AS name,
       string_agg(c.relname, ', ' ORDER BY c.relname COLLATE "C") AS definition
  FROM pg_class c
 CROSS JOIN LATERAL aclexplode(c.relacl) a
  JOIN pg_roles r ON r.oid = a.grantee
 WHERE c.relnamespace = 'public'::regnamespace
   AND r.rolname IN ('claims_reader', 'claims_writer')
 GROUP BY r.rolname, a.privilege_type
 ORDER BY r.rolname, a.privilege_type

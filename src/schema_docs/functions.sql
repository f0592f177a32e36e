SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature,
       obj_description(p.oid, 'pg_proc') AS comment
  FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
 ORDER BY p.proname COLLATE "C", pg_get_function_identity_arguments(p.oid) COLLATE "C"

-- Constraints, with the table a foreign key references, its columns, and
-- whether any of them may be null (an optional relationship in the diagram).
SELECT c.relname AS relation, k.conname AS name, k.contype::text AS kind,
       pg_get_constraintdef(k.oid) AS definition,
       r.relname AS references,
       (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a
         WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) AS columns,
       EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid
                AND a.attnum = ANY (k.conkey) AND NOT a.attnotnull) AS nullable
  FROM pg_constraint k
  JOIN pg_class c ON c.oid = k.conrelid
  LEFT JOIN pg_class r ON r.oid = k.confrelid
 WHERE c.relnamespace = 'public'::regnamespace AND c.relname <> $1
 ORDER BY c.relname COLLATE "C", k.contype, k.conname COLLATE "C"

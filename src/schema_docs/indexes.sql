SELECT tablename AS relation, indexname AS name, indexdef AS definition
  FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1
 ORDER BY tablename COLLATE "C", indexname COLLATE "C"

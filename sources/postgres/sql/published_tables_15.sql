-- published_tables for PostgreSQL 15+, which also publishes whole schemas
-- (pg_publication_namespace).
SELECT n.nspname::text, c.relname::text
FROM pg_publication p
JOIN pg_class c ON c.relkind IN ('r', 'p')
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE p.pubname = $1
  AND CASE WHEN p.pubviaroot THEN NOT c.relispartition ELSE c.relkind = 'r' END
  AND ((p.puballtables AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
       OR EXISTS (SELECT FROM pg_publication_rel pr WHERE pr.prpubid = p.oid AND pr.prrelid = c.oid)
       OR EXISTS (SELECT FROM pg_publication_namespace pn WHERE pn.pnpubid = p.oid AND pn.pnnspid = n.oid))
ORDER BY 1, 2

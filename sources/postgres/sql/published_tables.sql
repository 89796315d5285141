-- The tables publication $1 replicates, as ClickPipes will list them:
-- partitions through their root when the publication publishes via the
-- root, leaf tables otherwise. Read from the catalogs rather than from
-- pg_publication_tables, whose schema form scans pg_class once per schema
-- (0.8 s at 500 schemas). Lines ending in "-- 15+" read catalogs of
-- PostgreSQL 15 and later (whole schemas published) and are left out before.
SELECT n.nspname::text, c.relname::text
FROM pg_publication p
JOIN pg_class c ON c.relkind IN ('r', 'p')
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE p.pubname = $1
  AND c.relpersistence = 'p' -- PostgreSQL never publishes unlogged tables
  AND CASE WHEN coalesce((to_jsonb(p) ->> 'pubviaroot')::bool, false) THEN NOT c.relispartition ELSE c.relkind = 'r' END
  AND ((p.puballtables AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%')
       OR EXISTS (SELECT FROM pg_publication_namespace pn WHERE pn.pnpubid = p.oid AND pn.pnnspid = n.oid) -- 15+
       OR EXISTS (SELECT FROM pg_publication_rel pr WHERE pr.prpubid = p.oid AND pr.prrelid = c.oid))
ORDER BY 1, 2

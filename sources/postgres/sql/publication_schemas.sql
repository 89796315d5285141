-- Schemas published with FOR TABLES IN SCHEMA (PostgreSQL 15+).
SELECT n.nspname
FROM pg_publication p
JOIN pg_publication_namespace pn ON pn.pnpubid = p.oid
JOIN pg_namespace n ON n.oid = pn.pnnspid
WHERE p.pubname = $1
ORDER BY 1

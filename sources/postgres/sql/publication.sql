-- The publication ($1). pubviaroot exists from PostgreSQL 13 on: reading it
-- through to_jsonb keeps one query for every version.
SELECT p.pubname, p.puballtables, coalesce((to_jsonb(p) ->> 'pubviaroot')::bool, false)
FROM pg_publication p
WHERE p.pubname = $1

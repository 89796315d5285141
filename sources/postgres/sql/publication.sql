-- The publication ($1). pubviaroot exists from PostgreSQL 13 on, pubgencols
-- (publish_generated_columns: n none, s stored) from 18: reading them through
-- to_jsonb keeps one query for every version.
SELECT p.pubname, p.puballtables, coalesce((to_jsonb(p) ->> 'pubviaroot')::bool, false),
       coalesce(to_jsonb(p) ->> 'pubgencols' = 's', false),
       pg_has_role(current_user, p.pubowner, 'USAGE') -- ALTER PUBLICATION needs its owner's privileges
FROM pg_publication p
WHERE p.pubname = $1

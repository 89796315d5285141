-- Roles that can create tables in the scoped schemas ($1), or in every user
-- schema when $3 (FOR ALL TABLES): each schema's owner, and every login role
-- with CREATE on it (directly, through PUBLIC or a role it inherits).
-- Superusers, built-in and RDS roles and the user ($2) are left out. One row
-- per role with its schemas, so the result stays small whatever the number
-- of schemas.
SELECT r.rolname, array_agg(n.nspname::text ORDER BY n.nspname)
FROM pg_namespace n
CROSS JOIN pg_roles r
WHERE (n.nspname = ANY($1::text[])
       OR ($3 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'))
  AND NOT r.rolsuper
  AND r.rolname <> $2
  AND r.rolname !~ '^(pg_|rds_|rdsadmin$)'
  AND (r.oid = n.nspowner OR (r.rolcanlogin AND has_schema_privilege(r.oid, n.oid, 'CREATE')))
GROUP BY r.rolname
ORDER BY 1

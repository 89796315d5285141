-- Roles that can create tables in the scoped schemas ($1), or in every user
-- schema when $3 (FOR ALL TABLES): each schema's owner, and every login role
-- that may connect to this database and holds CREATE on the schema as its
-- owner's member or through a grant to it or a role it inherits. A grant to
-- PUBLIC (the default on schema public before PostgreSQL 15) would make
-- every login role of the cluster a creator, other databases' users too: it
-- comes as one row of its own (role NULL, public true) with its schemas.
-- Superusers, built-in and RDS roles, the user ($2) and the admin running
-- this (current_user, which auroracfg never changes) are left out. One row
-- per role with its schemas, so the result stays small whatever the number
-- of schemas.
WITH scoped AS (
  SELECT n.oid, n.nspname, n.nspowner, n.nspacl
  FROM pg_namespace n
  WHERE n.nspname = ANY($1::text[])
     OR ($3 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%')
)
SELECT r.rolname::text, array_agg(n.nspname::text ORDER BY n.nspname), false,
       pg_has_role(current_user, r.oid, 'MEMBER'), pg_has_role(current_user, r.oid, 'USAGE')
FROM scoped n
CROSS JOIN pg_roles r
WHERE NOT r.rolsuper
  AND r.rolname <> $2
  AND r.rolname <> current_user
  AND r.rolname !~ '^(pg_|rds_|rdsadmin$)'
  AND (r.oid = n.nspowner
       OR (r.rolcanlogin AND has_database_privilege(r.oid, current_database(), 'CONNECT')
           AND (pg_has_role(r.oid, n.nspowner, 'USAGE')
                OR EXISTS (SELECT FROM aclexplode(n.nspacl) a
                           WHERE a.privilege_type = 'CREATE' AND a.grantee <> 0 AND pg_has_role(r.oid, a.grantee, 'USAGE')))))
GROUP BY r.rolname, r.oid
UNION ALL
SELECT NULL, array_agg(n.nspname::text ORDER BY n.nspname), true, false, false
FROM scoped n
WHERE has_schema_privilege('public', n.oid, 'CREATE')
HAVING count(*) > 0
ORDER BY 1

-- (owner, schema) default privileges of the roles $1 (of every role when $3:
-- the spec takes every creator as an owner) that already give the user $2
-- SELECT on new tables; schema '' is a database-wide default.
SELECT r.rolname, coalesce(n.nspname, '')
FROM pg_default_acl d
JOIN pg_roles r ON r.oid = d.defaclrole
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
JOIN pg_roles u ON u.rolname = $2
WHERE d.defaclobjtype = 'r'
  AND (r.rolname = ANY($1::text[]) OR $3)
  AND EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) a
              WHERE a.grantee = u.oid AND a.privilege_type = 'SELECT')
ORDER BY 1, 2

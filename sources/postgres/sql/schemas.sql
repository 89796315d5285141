-- The scoped schemas ($1) that exist, whether the user ($2) has USAGE, and
-- whether the admin (current_user) may grant it: it has the owner's
-- privileges, or USAGE WITH GRANT OPTION.
SELECT n.nspname,
       coalesce(has_schema_privilege(u.oid, n.oid, 'USAGE'), false),
       pg_has_role(current_user, n.nspowner, 'USAGE') OR has_schema_privilege(current_user, n.oid, 'USAGE WITH GRANT OPTION')
FROM pg_namespace n
LEFT JOIN pg_roles u ON u.rolname = $2
WHERE n.nspname = ANY($1::text[])
ORDER BY 1

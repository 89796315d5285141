-- The scoped schemas ($1) that exist, and whether the user ($2) has USAGE.
SELECT n.nspname,
       coalesce(has_schema_privilege(u.oid, n.oid, 'USAGE'), false)
FROM pg_namespace n
LEFT JOIN pg_roles u ON u.rolname = $2
WHERE n.nspname = ANY($1::text[])
ORDER BY 1

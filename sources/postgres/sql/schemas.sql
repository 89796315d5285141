-- The scoped schemas ($1) that exist, whether the user ($2) has USAGE,
-- whether the admin (current_user) may grant it (it has the owner's
-- privileges, or USAGE WITH GRANT OPTION), and (the same on every row)
-- whether none of them holds a table a publication could publish (a
-- permanent ordinary or partitioned table): a scope of empty schemas would
-- replicate nothing.
--
-- Schemas whose name differs from a scoped one only in case come too, with
-- exact = false (include: [Billing] where the schema is billing): plan
-- names them in its "did you mean". pg_namespace is small; one pass.
SELECT n.nspname,
       coalesce(has_schema_privilege(u.oid, n.oid, 'USAGE'), false),
       pg_has_role(current_user, n.nspowner, 'USAGE') OR has_schema_privilege(current_user, n.oid, 'USAGE WITH GRANT OPTION'),
       -- computed once (an InitPlan) and stopping at the first table: no index
       -- leads with relnamespace, so a per-schema test would scan pg_class
       -- once per schema (500 x 40,000 rows)
       NOT EXISTS (SELECT FROM pg_class c
                   WHERE c.relnamespace IN (SELECT sn.oid FROM pg_namespace sn WHERE sn.nspname = ANY($1::text[]))
                     AND c.relkind IN ('r', 'p') AND c.relpersistence = 'p'),
       n.nspname = ANY($1::text[])
FROM pg_namespace n
LEFT JOIN pg_roles u ON u.rolname = $2
WHERE lower(n.nspname) = ANY(SELECT lower(s) FROM unnest($1::text[]) s)
ORDER BY 1

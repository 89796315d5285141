-- Ordinary and partitioned tables in the scoped schemas ($1), or in every
-- user schema when $3 (FOR ALL TABLES), with what replica identity they have
-- and whether the user ($2) can SELECT them. One pass over pg_class joined to
-- aggregated pg_index: no per-schema or per-table subquery, so the cost stays
-- linear in the number of tables.
WITH idx AS (
    SELECT indrelid, bool_or(indisprimary) AS has_pk, bool_or(indisreplident) AS has_ident
    FROM pg_index
    GROUP BY indrelid
)
SELECT n.nspname, c.relname, c.relkind = 'p',
       coalesce(rn.nspname, ''), coalesce(rc.relname, ''),
       c.relreplident::text,
       coalesce(idx.has_pk, false), coalesce(idx.has_ident, false),
       coalesce(has_table_privilege(u.oid, c.oid, 'SELECT'), false)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN idx ON idx.indrelid = c.oid
LEFT JOIN pg_roles u ON u.rolname = $2
LEFT JOIN pg_class rc ON c.relispartition AND rc.oid = pg_partition_root(c.oid)
LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND (n.nspname = ANY($1::text[])
       OR ($3 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%'))
ORDER BY 1, 2

-- Ordinary and partitioned tables in the scoped schemas ($1), or in every
-- user schema when $3 (FOR ALL TABLES), with their replica identity and
-- whether the user ($2) can SELECT them.
--
-- Shaped for 10,000+ tables (measured at 500 schemas x 20 tables):
-- * pg_index is joined twice on filtered rows (at most one primary key and one
--   identity index per table) instead of aggregated: no per-table subquery.
-- * pg_partition_root() runs for partitions only; the client maps the root's
--   oid to its name (it is in the result whenever it is in scope).
-- * SELECT is first checked against the ACL entry apply itself writes
--   (grantee = user, grantor = owner), which is cheap; has_table_privilege,
--   which also sees PUBLIC, memberships and ownership, only runs when that
--   fails. It halves the no-change plan.
-- * Only rows that need attention cross the wire (no SELECT yet, no replica
--   identity or a FULL one, partitioning), unless every table is needed ($4, or the
--   publication ($5) lists tables): a no-change plan reads almost nothing.
-- * The scope is a set of namespace oids, looked up once (pg_namespace is
--   small) and probed per table as a hashed subplan: comparing each table's
--   schema name with every scoped name (= ANY($1)) cost 10,000 x 500 string
--   compares at 500 schemas.
-- * Tables with generated columns are found through pg_attrdef, which holds
--   a row per default or generation expression only, not by scanning
--   pg_attribute (every column of every relation, toast and indexes
--   included: 87 of 165 ms at 500 schemas).
-- * No ORDER BY: the plan sorts.
-- * On PostgreSQL 12 ($7), which publishes partitions rather than their
--   root, partitions in schemas out of scope whose root is in scope come
--   too: their rows would never be published. (The client tells them apart
--   by schema: a per-row test against $1 would cost 10,000 x 500 compares.)
-- * Whether the admin (current_user) has the owner's privileges (ALTER TABLE,
--   publishing it in a list) and may grant SELECT (owner, or SELECT WITH
--   GRANT OPTION) is only worked out for the rows returned.
-- * Generated columns ($6, PostgreSQL 18+, where a replica identity holding
--   one that the publication does not publish makes UPDATE and DELETE fail):
--   a table that has one is returned; its generated columns, which of them
--   the identity holds and a unique index usable as identity instead are
--   only worked out for the rows returned. Before 18 none of it runs.
SELECT t.oid, t.nspname, t.relname, t.partitioned, t.root, t.ident, t.has_pk, t.has_ident, t.can_select, t.columns, t.row_bytes,
       -- generated columns, whether each is virtual, whether the identity
       -- holds it (scalar subqueries: a lateral join here changes the plan of
       -- the whole query, and at 10,000 tables makes it three times slower)
       CASE WHEN $6 THEN (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                          WHERE a.attrelid = t.oid AND a.attgenerated <> '' AND a.attnum > 0 AND NOT a.attisdropped) END,
       CASE WHEN $6 THEN (SELECT array_agg(a.attgenerated = 'v' ORDER BY a.attnum) FROM pg_attribute a
                          WHERE a.attrelid = t.oid AND a.attgenerated <> '' AND a.attnum > 0 AND NOT a.attisdropped) END,
       CASE WHEN $6 THEN (SELECT array_agg(CASE t.ident WHEN 'f' THEN true
                                                        WHEN 'd' THEN coalesce(a.attnum = ANY(t.pk_key::int2[]), false)
                                                        WHEN 'i' THEN coalesce(a.attnum = ANY(t.ri_key::int2[]), false)
                                                        ELSE false END ORDER BY a.attnum) FROM pg_attribute a
                          WHERE a.attrelid = t.oid AND a.attgenerated <> '' AND a.attnum > 0 AND NOT a.attisdropped) END,
       -- a unique, immediate, non-partial index on plain NOT NULL columns
       -- (what REPLICA IDENTITY USING INDEX accepts), none of them generated
       CASE WHEN $6 THEN
         (SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
          WHERE i.indrelid = t.oid AND i.indisunique AND i.indimmediate AND i.indisvalid
            AND i.indpred IS NULL AND i.indexprs IS NULL
            AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum = ANY(i.indkey::int2[])
                                                        AND (NOT a.attnotnull OR a.attgenerated <> ''))
          ORDER BY i.indnatts, ic.relname LIMIT 1) END,
       pg_has_role(t.owner, 'USAGE'), pg_has_role(t.owner, 'USAGE') OR has_table_privilege(t.oid, 'SELECT WITH GRANT OPTION'),
       t.unlogged, t.rls,
       -- a generated column in the primary key: pgoutput does not publish
       -- generated columns (before 18, nor virtual ones on 18), so the key
       -- would be missing from every change
       t.has_pk AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = t.oid
                            AND a.attnum = ANY(t.pk_key::int2[]) AND a.attgenerated <> '')
FROM (
SELECT c.oid, c.relowner, n.nspname, c.relname, c.relkind = 'p',
       CASE WHEN c.relispartition THEN pg_partition_root(c.oid)::oid END,
       c.relreplident::text,
       pk.indrelid IS NOT NULL, ri.indrelid IS NOT NULL,
       coalesce(c.relacl @> makeaclitem(u.oid, c.relowner, 'SELECT', false)
                OR has_table_privilege(u.oid, c.oid, 'SELECT'), false),
       c.relnatts::int,
       CASE WHEN c.reltuples > 0 THEN (c.relpages::float8 * current_setting('block_size')::int / c.reltuples)::bigint ELSE 0 END,
       pk.indkey, ri.indkey,
       c.relpersistence <> 'p', -- unlogged (temporary tables live in pg_temp_N, out of every scope)
       c.relrowsecurity
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_index pk ON pk.indrelid = c.oid AND pk.indisprimary
LEFT JOIN pg_index ri ON ri.indrelid = c.oid AND ri.indisreplident
LEFT JOIN pg_roles u ON u.rolname = $2
WHERE c.relkind IN ('r', 'p')
  AND (c.relnamespace IN (SELECT sn.oid FROM pg_namespace sn WHERE sn.nspname = ANY($1::text[]))
       OR ($3 AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp\_%')
       OR ($7 AND c.relispartition
              AND (SELECT r.relnamespace FROM pg_class r WHERE r.oid = pg_partition_root(c.oid))
                  IN (SELECT sn.oid FROM pg_namespace sn WHERE sn.nspname = ANY($1::text[]))))
) t(oid, owner, nspname, relname, partitioned, root, ident, has_pk, has_ident, can_select, columns, row_bytes, pk_key, ri_key, unlogged, rls)
WHERE $4 OR t.unlogged OR t.rls OR strpos(t.nspname, '.') > 0 OR strpos(t.relname, '.') > 0
   OR EXISTS (SELECT FROM pg_publication p JOIN pg_publication_rel pr ON pr.prpubid = p.oid WHERE p.pubname = $5)
   OR t.root IS NOT NULL OR t.partitioned OR NOT t.can_select OR t.ident = 'f'
   OR NOT (t.ident = 'f' OR (t.ident = 'd' AND t.has_pk) OR (t.ident = 'i' AND t.has_ident))
   OR t.oid IN (SELECT d.adrelid FROM pg_attrdef d
                JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                WHERE a.attgenerated <> '' AND NOT a.attisdropped)

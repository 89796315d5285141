-- Replication slots and the WAL each keeps. wal_status exists from
-- PostgreSQL 13 on: to_jsonb keeps one query for every version. On a standby
-- pg_current_wal_lsn() fails, so retained WAL is not computed there.
SELECT s.slot_name::text, coalesce(s.plugin::text, ''), s.slot_type, coalesce(s.database::text, ''), s.active,
       coalesce(to_jsonb(s) ->> 'wal_status', ''),
       CASE WHEN s.restart_lsn IS NULL OR pg_is_in_recovery() THEN 0
            ELSE pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint END
FROM pg_replication_slots s
ORDER BY 1

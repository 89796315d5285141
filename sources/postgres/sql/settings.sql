-- Server facts and the settings logical replication depends on.
-- rds.logical_replication is read with current_setting(name, true): a custom
-- setting is invisible in pg_settings, and absent on non-RDS servers.
-- max_slot_wal_keep_size (PostgreSQL 13+) comes from pg_settings in MB, ''
-- when the server has none; idle_replication_slot_timeout (18+) likewise, in
-- seconds. pg_backend_pid() is compared with the process id
-- the server announced at startup: a pooler or proxy announces its own.
-- Then the admin running this (current_user) and what apply's statements
-- need of it: plan predicts a refusal from these instead of apply failing.
-- Last, another session holding this source's apply lock (key $1, $2: an
-- apply under way, whose half-done state is no drift); its activity row
-- may be hidden from a non-superuser, its pid never is.
SELECT current_setting('server_version_num')::int,
       pg_is_in_recovery(),
       current_setting('wal_level'),
       coalesce(current_setting('rds.logical_replication', true), ''),
       current_setting('max_wal_senders')::int,
       current_setting('max_replication_slots')::int,
       current_database(),
       coalesce((SELECT setting FROM pg_settings WHERE name = 'max_slot_wal_keep_size'), ''),
       (SELECT count(*) FROM pg_replication_slots)::int,
       pg_backend_pid(),
       coalesce((SELECT setting FROM pg_settings WHERE name = 'idle_replication_slot_timeout'), ''),
       a.rolname::text, a.rolsuper, a.rolcreaterole, a.rolreplication,
       EXISTS (SELECT FROM pg_roles g WHERE g.rolname = 'rds_superuser' AND pg_has_role(a.oid, g.oid, 'MEMBER')),
       has_database_privilege(a.oid, current_database(), 'CREATE'),
       -- Turns JIT off for the rest of this session (the batch's queries run
       -- after this one): they are short catalog reads, and compiling them
       -- costs more than it saves (tables.sql at 10,000 tables: 1.2 s of JIT
       -- on a 35 ms query). Done here, not as a statement of its own.
       set_config('jit', 'off', false),
       h.pid, coalesce(h.application_name, ''), coalesce(h.backend_start::text, '')
FROM pg_roles a
LEFT JOIN LATERAL (
  SELECT l.pid, s.application_name, s.backend_start
  FROM pg_locks l LEFT JOIN pg_stat_activity s ON s.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid AND l.objsubid = 2
    AND l.granted AND l.pid <> pg_backend_pid()
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  LIMIT 1) h ON true
WHERE a.rolname = current_user

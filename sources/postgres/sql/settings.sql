-- Server facts and the settings logical replication depends on.
-- rds.logical_replication is read with current_setting(name, true): a custom
-- setting is invisible in pg_settings, and absent on non-RDS servers.
SELECT current_setting('server_version_num')::int,
       pg_is_in_recovery(),
       current_setting('wal_level'),
       coalesce(current_setting('rds.logical_replication', true), ''),
       current_setting('max_wal_senders')::int,
       current_setting('max_replication_slots')::int,
       current_database()

-- The replication user ($1), with the roles it is a member of, and whether
-- the admin (current_user) holds ADMIN OPTION on it (16+ needs it to alter it);
-- the powers beyond what a pipe needs, and whether its password expired
-- (VALID UNTIL in the past, by the server's clock).
SELECT r.rolname, r.rolcanlogin, r.rolreplication,
       array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid ORDER BY 1),
       pg_has_role(current_user, r.oid, 'MEMBER WITH ADMIN OPTION'),
       array_remove(ARRAY[CASE WHEN r.rolsuper THEN 'SUPERUSER' END, CASE WHEN r.rolcreaterole THEN 'CREATEROLE' END,
                          CASE WHEN r.rolcreatedb THEN 'CREATEDB' END, CASE WHEN r.rolbypassrls THEN 'BYPASSRLS' END], NULL),
       coalesce(r.rolvaliduntil < now(), false), coalesce(r.rolvaliduntil::text, '')
FROM pg_roles r
WHERE r.rolname = $1

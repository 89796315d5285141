-- The replication user ($1), with the roles it is a member of.
SELECT r.rolname, r.rolcanlogin, r.rolreplication,
       array(SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid ORDER BY 1)
FROM pg_roles r
WHERE r.rolname = $1

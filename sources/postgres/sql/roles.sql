-- Which of the futureTablesOwnedBy roles ($1) exist, and whether the admin
-- (current_user) is a member of each (MEMBER) and has its privileges (USAGE:
-- a member that inherits): ALTER DEFAULT PRIVILEGES FOR ROLE needs the first
-- before PostgreSQL 16, the second from 16.
SELECT rolname, pg_has_role(current_user, oid, 'MEMBER'), pg_has_role(current_user, oid, 'USAGE')
FROM pg_roles WHERE rolname = ANY($1::text[]) ORDER BY 1

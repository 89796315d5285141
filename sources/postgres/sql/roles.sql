-- Which of the futureTablesOwnedBy roles ($1) exist.
SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[]) ORDER BY 1

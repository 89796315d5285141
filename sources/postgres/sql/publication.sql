-- The publication ($1). pubviaroot exists from PostgreSQL 13 on, pubgencols
-- (publish_generated_columns: n none, s stored) from 18: reading them through
-- to_jsonb keeps one query for every version. The operations it does not
-- publish (publish = 'insert' loses every update and delete). Its comment,
-- where auroracfg records which cluster a Global Database source was
-- prepared on (the database replicates it to every region; a tag on the
-- global database can be removed by anyone with tag rights).
SELECT p.pubname, p.puballtables, coalesce((to_jsonb(p) ->> 'pubviaroot')::bool, false),
       coalesce(to_jsonb(p) ->> 'pubgencols' = 's', false),
       pg_has_role(current_user, p.pubowner, 'USAGE'), -- ALTER PUBLICATION needs its owner's privileges
       array_remove(ARRAY[CASE WHEN NOT p.pubinsert THEN 'insert' END, CASE WHEN NOT p.pubupdate THEN 'update' END,
                          CASE WHEN NOT p.pubdelete THEN 'delete' END], NULL),
       coalesce(obj_description(p.oid, 'pg_publication'), '')
FROM pg_publication p
WHERE p.pubname = $1

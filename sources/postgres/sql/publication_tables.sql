-- Tables listed explicitly in the publication ($1), and whether a row
-- filter or a column list (15+, read through to_jsonb for every version)
-- narrows what is published of them.
SELECT n.nspname, c.relname,
       (to_jsonb(pr) ->> 'prqual') IS NOT NULL, (to_jsonb(pr) ->> 'prattrs') IS NOT NULL
FROM pg_publication p
JOIN pg_publication_rel pr ON pr.prpubid = p.oid
JOIN pg_class c ON c.oid = pr.prrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE p.pubname = $1
ORDER BY 1, 2

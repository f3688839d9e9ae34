-- docs/diff.md: bad input to the diff is refused with SQLSTATE 22023
-- (or 22004 for NULL), naming what is wrong.
\set VERBOSITY default
SELECT * FROM migrate_diff('{}', migrate_snapshot());
SELECT * FROM migrate_diff('[1, 2]', migrate_snapshot());
SELECT * FROM migrate_diff('{"format": 2, "scope": "all", "schemas": {}}', migrate_snapshot());
SELECT * FROM migrate_diff('{"format": "one"}', migrate_snapshot());
SELECT * FROM migrate_diff(migrate_snapshot(), '{"format": 1, "scope": "all"}');
SELECT * FROM migrate_diff(migrate_snapshot(), '{"format": 1, "scope": 7, "schemas": {}}');
SELECT * FROM migrate_diff(migrate_snapshot(), '{"format": 1, "scope": "all", "schemas": {"s": 1}}');
SELECT * FROM migrate_diff(migrate_snapshot(), NULL);
SELECT migrate_diff_sql(NULL, migrate_snapshot());

-- the SQLSTATE of each
DO $$
DECLARE
	docs text[] := ARRAY['{}', '{"format": 2, "scope": "all", "schemas": {}}',
						 '{"format": 1, "scope": "all"}'];
	d text;
BEGIN
	FOREACH d IN ARRAY docs LOOP
		BEGIN
			PERFORM migrate_diff_sql(d::jsonb, migrate_snapshot());
		EXCEPTION WHEN OTHERS THEN
			RAISE NOTICE '% -> %', d, SQLSTATE;
		END;
	END LOOP;
END
$$;

-- a database compared with itself: nothing to do
SELECT count(*) AS steps FROM migrate_diff(migrate_snapshot(), migrate_snapshot());
SELECT migrate_diff_sql(migrate_snapshot(), migrate_snapshot()) = '' AS empty_script;

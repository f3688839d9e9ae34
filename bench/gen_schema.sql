-- bench/gen_schema.sql: a synthetic schema of N tables, for the benchmarks.
--
--   psql -X -v n=10000 [-v schema=S] -f bench/gen_schema.sql
--
-- Into schema S (default public; created if missing) it puts one enum type,
-- then for each i in 1..N a table tNNNNN with
--   7 columns, a PRIMARY KEY, a UNIQUE constraint, a CHECK constraint,
--   an FK to table i-1 (an FK chain; table 1 has none),
--   a column of the enum type, an expression index on lower(name),
--   a COMMENT on the table and on one column,
-- and, every 10th table, a view over that table.
--
-- The statements are built and EXECUTEd by one DO block that COMMITs every
-- 1,000 tables, so its locks never exceed ~1,000 tables' worth (loading
-- 10,000 tables in one transaction would need max_locks_per_transaction
-- >= 1024).  The script must therefore not run inside BEGIN/COMMIT.
-- Run it against an empty schema: it does not replace existing objects.

\set ON_ERROR_STOP on
\if :{?n}
\else
DO $$BEGIN RAISE EXCEPTION 'the variable n is not set'
	USING HINT = 'usage: psql -v n=N [-v schema=S] -f bench/gen_schema.sql'; END$$;
\endif
\if :{?schema}
\else
\set schema public
\endif

-- psql does not expand variables inside the DO body: hand them over as
-- settings of this session.
SET pg_migrate_bench.n = :'n';
SET pg_migrate_bench.schema = :'schema';
SET client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS :"schema";
CREATE TYPE :"schema".bench_status AS ENUM ('new', 'active', 'closed');

DO $gen$
DECLARE
	n		integer := current_setting('pg_migrate_bench.n')::integer;
	s		text := current_setting('pg_migrate_bench.schema');
	w		integer := greatest(5, length(current_setting('pg_migrate_bench.n')));
	t		text;
	prev	text;
BEGIN
	FOR i IN 1..n LOOP
		t := 't' || lpad(i::text, w, '0');
		EXECUTE format(
			'CREATE TABLE %1$I.%2$I ('
			'  id integer PRIMARY KEY,'
			'  code text NOT NULL UNIQUE,'
			'  name text,'
			'  qty integer NOT NULL DEFAULT 0 CHECK (qty >= 0),'
			'  status %1$I.bench_status NOT NULL DEFAULT ''new'','
			'  prev_id integer %3$s,'
			'  created_at timestamptz NOT NULL DEFAULT now()'
			')',
			s, t,
			CASE WHEN prev IS NULL THEN ''
				 ELSE format('REFERENCES %I.%I (id)', s, prev) END);
		EXECUTE format('CREATE INDEX %I ON %I.%I (lower(name))',
					   t || '_lower_name_idx', s, t);
		EXECUTE format('COMMENT ON TABLE %I.%I IS %L',
					   s, t, 'benchmark table ' || i);
		EXECUTE format('COMMENT ON COLUMN %I.%I.code IS %L',
					   s, t, 'business key of ' || t);
		IF i % 10 = 0 THEN
			EXECUTE format(
				'CREATE VIEW %1$I.%2$I AS'
				'  SELECT id, code, name, status FROM %1$I.%3$I WHERE qty > 0',
				s, 'v' || lpad(i::text, w, '0'), t);
		END IF;
		prev := t;
		IF i % 1000 = 0 THEN
			COMMIT;
		END IF;
	END LOOP;
END
$gen$;

RESET client_min_messages;
RESET pg_migrate_bench.n;
RESET pg_migrate_bench.schema;

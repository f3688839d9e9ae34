-- Models and migrate_check() (docs/models.md): capture a live
-- schema, change the model by DDL, check lists the steps; bad input is
-- refused and leaves migrate_models and the catalogs as they were.
\set VERBOSITY default
SET client_min_messages = warning;

CREATE SCHEMA models_shared;
CREATE TYPE models_shared.money_code AS ENUM ('EUR', 'USD');
CREATE SCHEMA models_app;
SET search_path = models_app, public;
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL,
	feeling mood,
	score integer,
	currency models_shared.money_code
);
CREATE VIEW poll_scores AS SELECT id, score FROM polls;
RESET search_path;

-- capture: the live schema becomes the model, and check is empty
SELECT migrate_model_capture('{models_app}');
SELECT schema_name, ddl IS NULL AS no_ddl, updated_by = CURRENT_USER AS by_me
  FROM migrate_models;
SELECT migrate_model('{models_app}') = migrate_snapshot('{models_app}') AS same;
SELECT * FROM migrate_check('{models_app}');
SELECT * FROM migrate_check();

-- the same schema written as DDL gives the same model: check is still empty
SELECT migrate_model_set($$
CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL,
	feeling mood,
	score integer,
	currency models_shared.money_code   -- a type of another schema
);
CREATE VIEW poll_scores AS SELECT id, score FROM polls;
$$, 'models_app') = migrate_snapshot('{models_app}') AS same_as_live;
SELECT * FROM migrate_check('{models_app}');

-- the model changes: a table with a foreign key and an index, an enum
-- label, a column type that a view reads
SELECT (SELECT count(*) FROM pg_namespace) AS nsp,
       (SELECT count(*) FROM pg_class) AS cls,
       (SELECT count(*) FROM pg_type) AS typ \gset
SELECT jsonb_pretty(migrate_model_set($$
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL,
	feeling mood,
	score bigint,
	currency models_shared.money_code
);
CREATE VIEW poll_scores AS SELECT id, score FROM polls;
CREATE TABLE votes (
	id bigserial PRIMARY KEY,
	poll_id bigint NOT NULL REFERENCES polls,
	feeling mood NOT NULL
);
CREATE INDEX votes_poll_id_idx ON votes (poll_id);
COMMENT ON TABLE votes IS 'one row per vote';
$$, 'models_app') -> 'schemas' -> 'models_app' -> 'tables' -> 'votes');
-- nothing of the shadow schema survives
SELECT (SELECT count(*) FROM pg_namespace) = :nsp AS nsp_same,
       (SELECT count(*) FROM pg_class) = :cls AS cls_same,
       (SELECT count(*) FROM pg_type) = :typ AS typ_same,
       (SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'migrate_shadow%') AS shadows;
SELECT ddl LIKE '%CREATE TABLE votes%' AS ddl_stored FROM migrate_models
 WHERE schema_name = 'models_app';
SELECT * FROM migrate_check('{models_app}');

-- applied, the steps bring the live schema to the model
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM migrate_check('{models_app}') LOOP
		EXECUTE 'SET LOCAL search_path = models_app, pg_catalog; ' || r.sql;
	END LOOP;
END
$$;
RESET search_path;
SELECT * FROM migrate_check('{models_app}');
SELECT migrate_model('{models_app}') = migrate_snapshot('{models_app}') AS in_sync;

-- the lock: the advisory lock of pg_migrate is held until the end of the
-- transaction; no lock on any object of the shadow schema is
BEGIN;
SELECT migrate_model_set('CREATE TABLE t (id int);', 'models_new') IS NOT NULL AS set;
SELECT classid, objid, objsubid, mode FROM pg_locks
 WHERE locktype = 'advisory' AND pid = pg_backend_pid();
SELECT count(*) AS locks_on_vanished_relations FROM pg_locks l
 WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'
   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
   AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = l.relation);
-- a model of a schema that does not exist yet: check creates it
SELECT step, action, object_type, object_name, sql FROM migrate_check('{models_new}');
ROLLBACK;

-- import, merge, drop
SELECT migrate_model_import(migrate_snapshot('{models_shared}'));
SELECT jsonb_object_keys(migrate_model() -> 'schemas') AS schemas;
SELECT migrate_model() -> 'scope' AS scope;
SELECT * FROM migrate_check();
-- a model keeps its references to other schemas (the column currency of
-- models_app is of a type of models_shared): migrate_model() of one schema
-- leaves them out, as a snapshot of one schema does; merged with the
-- model of the other schema, the models are the snapshot of both
SELECT model #> '{schemas,models_app,tables,polls,columns,4,depends_on}' AS stored
  FROM migrate_models WHERE schema_name = 'models_app';
SELECT migrate_model('{models_app}') #> '{schemas,models_app,tables,polls,columns,4}' AS one_schema;
SELECT migrate_model('{models_app,models_shared}')
       #> '{schemas,models_app,tables,polls,columns,4,depends_on}' AS merged;
SELECT migrate_model('{models_app,models_shared}')
       = migrate_snapshot('{models_app,models_shared}') AS merged_same;
SELECT migrate_model_drop('models_shared');
SELECT schema_name FROM migrate_models ORDER BY 1;

-- bad input: each error leaves migrate_models and the catalogs as they were
SELECT (SELECT count(*) FROM pg_namespace) AS nsp,
       (SELECT count(*) FROM pg_class) AS cls,
       (SELECT count(*) FROM pg_type) AS typ,
       (SELECT md5(string_agg(schema_name || model::text || coalesce(ddl, '') || updated_at, ','
                   ORDER BY schema_name)) FROM migrate_models) AS models \gset

-- a typo in the third statement: statement 3, its text and the position
SELECT migrate_model_set($$CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int REFERENCES a);
-- comments before a statement are not part of its text
CREATE TABLE c (id int, b_id integr);
CREATE TABLE d (id int);$$, 'models_app');
-- a syntax error in the third statement
SELECT migrate_model_set($$CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int REFERENCES a);
CREATE TABLE c (id int,, b_id int);
CREATE TABLE d (id int);$$, 'models_app');
-- an error raised when the statement runs (no position): statement 2
SELECT migrate_model_set($$CREATE TABLE a (id int);
CREATE TABLE a (id int);$$, 'models_app');
-- refused statement kinds, before anything runs
SELECT migrate_model_set('CREATE TABLE a (id int); INSERT INTO a VALUES (1);', 'models_app');
SELECT migrate_model_set('CREATE TABLE a (id int); COMMIT;', 'models_app');
SELECT migrate_model_set('DROP DATABASE postgres;', 'models_app');
SELECT migrate_model_set('CREATE EXTENSION no_such_extension;', 'models_app');
SELECT migrate_model_set('CREATE SCHEMA other; CREATE TABLE other.t (id int);', 'models_app');
SELECT migrate_model_set('SET search_path = public; CREATE TABLE t (id int);', 'models_app');
SELECT migrate_model_set('DO $x$ BEGIN EXECUTE ''CREATE TABLE t (id int)''; END $x$;', 'models_app');
SELECT migrate_model_set('CREATE TABLE t (id int); DROP TABLE t;', 'models_app');
SELECT migrate_model_set('CREATE TABLE t AS SELECT 1 AS id;', 'models_app');
SELECT migrate_model_set('CREATE TABLE t (id int); ALTER SCHEMA models_app RENAME TO x;', 'models_app');
-- objects of a model are unqualified: a qualified name reaches past the
-- shadow schema
SELECT migrate_model_set('CREATE TABLE t (id int); CREATE TABLE models_app.u (id int);', 'models_app');
SELECT migrate_model_set('CREATE TYPE t AS (a int); CREATE INDEX ON models_shared.x (a);', 'models_app');
-- a reference to an object of the live schema that the model lacks
SELECT migrate_model_set('CREATE TABLE votes (poll_id bigint REFERENCES polls);', 'models_app');
-- an empty model
SELECT migrate_model_set('', 'models_app');
SELECT migrate_model_set('  -- only a comment
 ;;', 'models_app');
SELECT migrate_model_import('{"format": 1, "scope": [], "extensions": {}, "schemas": {}}');
-- NULL arguments
SELECT migrate_model_set(NULL, 'models_app');
SELECT migrate_model_set('CREATE TABLE t (id int);', NULL);
SELECT migrate_model_import(NULL);
SELECT migrate_model_drop(NULL);
SELECT migrate_model(ARRAY[NULL]::name[]);
-- unknown or reserved schemas, missing models, bad documents
SELECT migrate_model_set('CREATE TABLE t (id int);', 'pg_catalog');
SELECT migrate_model_capture('{no_such_schema}');
SELECT migrate_model('{no_such_schema}');
SELECT * FROM migrate_check('{no_such_schema}');
SELECT migrate_model_drop('no_such_schema');
SELECT migrate_model_import('{"format": 2, "scope": "all", "schemas": {}}');
SELECT migrate_model_import('[1]');
-- the SQLSTATE of each
DO $$
DECLARE
	calls text[] := ARRAY[
		$c$SELECT migrate_model_set('CREATE TABLE a (id int); CREATE TABLE b (id int); CREATE TABLE c (id integr);', 'models_app')$c$,
		$c$SELECT migrate_model_set('CREATE TABLE a (id int); CREATE TABLE b (id int); CRATE TABLE c (id int);', 'models_app')$c$,
		$c$SELECT migrate_model_set('INSERT INTO a VALUES (1)', 'models_app')$c$,
		$c$SELECT migrate_model_set('', 'models_app')$c$,
		$c$SELECT migrate_model_set(NULL, 'models_app')$c$,
		$c$SELECT migrate_model_set('CREATE TABLE t (id int)', NULL)$c$,
		$c$SELECT migrate_model_set('CREATE TABLE t (id int)', 'pg_catalog')$c$,
		$c$SELECT migrate_model_capture('{no_such_schema}')$c$,
		$c$SELECT migrate_model('{no_such_schema}')$c$,
		$c$SELECT migrate_model_drop('no_such_schema')$c$,
		$c$SELECT migrate_model_import('[1]')$c$,
		$c$SELECT migrate_model_import(NULL)$c$,
		$c$SELECT migrate_model_set('CREATE TABLE t (id int); COMMIT;', 'models_app')$c$,
		$c$SELECT migrate_model_set('CREATE TABLE t (id int); CREATE TABLE models_app.u (id int);', 'models_app')$c$,
		$c$SELECT migrate_model_set('CREATE TABLE votes (poll_id bigint REFERENCES polls);', 'models_app')$c$,
		$c$SELECT migrate_model_set('CREATE TABLE a (id int); CREATE TABLE a (id int);', 'models_app')$c$];
	c text;
	before text;
	after text;
	state text := $s$SELECT pg_catalog.concat_ws(' ',
		(SELECT count(*) FROM pg_namespace), (SELECT count(*) FROM pg_class),
		(SELECT count(*) FROM pg_type),
		(SELECT md5(string_agg(schema_name || model::text || coalesce(ddl, '') || updated_at, ','
		            ORDER BY schema_name)) FROM migrate_models),
		current_setting('search_path'))$s$;
BEGIN
	-- each call: its SQLSTATE, and the catalogs, migrate_models and the
	-- search_path as they were before it
	FOREACH c IN ARRAY calls LOOP
		EXECUTE state INTO before;
		BEGIN
			EXECUTE c;
			RAISE NOTICE 'no error: %', c;
		EXCEPTION WHEN OTHERS THEN
			RAISE WARNING '%: %', SQLSTATE, left(c, 60);
		END;
		EXECUTE state INTO after;
		IF after IS DISTINCT FROM before THEN
			RAISE WARNING 'changed by %: % / %', c, before, after;
		END IF;
	END LOOP;
END
$$;
SELECT (SELECT count(*) FROM pg_namespace) = :nsp AS nsp_same,
       (SELECT count(*) FROM pg_class) = :cls AS cls_same,
       (SELECT count(*) FROM pg_type) = :typ AS typ_same,
       (SELECT md5(string_agg(schema_name || model::text || coalesce(ddl, '') || updated_at, ','
                   ORDER BY schema_name)) FROM migrate_models) = :'models' AS models_same;

-- privileges: a role without CREATE on the database cannot create the
-- shadow schema, and is told which privilege is missing
CREATE ROLE regress_models_plain;
SET ROLE regress_models_plain;
SELECT migrate_model_set('CREATE TABLE t (id int);', 'models_app');
RESET ROLE;
-- with CREATE on the database (and the right to write migrate_models) it can
SELECT current_database() AS db \gset
GRANT CREATE ON DATABASE :"db" TO regress_models_plain;
GRANT SELECT, INSERT, UPDATE ON migrate_models TO regress_models_plain;
GRANT USAGE ON SCHEMA models_shared TO regress_models_plain;
SET ROLE regress_models_plain;
SELECT migrate_model_set('CREATE TABLE t (id int, c models_shared.money_code);', 'models_plain')
       -> 'schemas' -> 'models_plain' -> 'tables' -> 't' -> 'columns' AS columns;
RESET ROLE;
SELECT updated_by FROM migrate_models WHERE schema_name = 'models_plain';
SELECT migrate_model_drop('models_plain');
REVOKE ALL ON migrate_models FROM regress_models_plain;
REVOKE ALL ON SCHEMA models_shared FROM regress_models_plain;
REVOKE CREATE ON DATABASE :"db" FROM regress_models_plain;
DROP ROLE regress_models_plain;

-- an extension installed in the model's schema: its objects are named
-- unqualified in the model, as in the live schema
CREATE SCHEMA models_ext;
CREATE EXTENSION citext SCHEMA models_ext;
CREATE TABLE models_ext.users (email models_ext.citext NOT NULL DEFAULT '');
SELECT migrate_model_set($$CREATE TABLE users (email citext NOT NULL DEFAULT '');$$, 'models_ext')
       -> 'schemas' -> 'models_ext' -> 'tables' -> 'users' -> 'columns' AS columns;
SELECT migrate_model('{models_ext}') #> '{extensions,citext,schema}' AS extension_schema;
SELECT migrate_model('{models_ext}') = migrate_snapshot('{models_ext}') AS same;
SELECT * FROM migrate_check('{models_ext}');
SELECT migrate_model_drop('models_ext');
DROP SCHEMA models_ext CASCADE;

-- the model's own schema: COMMENT ON SCHEMA and GRANT/REVOKE ON SCHEMA (or
-- ON ALL ... IN SCHEMA) of the model's schema change the shadow schema
-- that stands for it; the privileges start from those the live schema has
CREATE ROLE regress_models_reader;
GRANT USAGE ON SCHEMA models_app TO PUBLIC;
SELECT migrate_model_set($$
COMMENT ON SCHEMA models_app IS 'polls and votes';
REVOKE USAGE ON SCHEMA models_app FROM PUBLIC;
GRANT USAGE ON SCHEMA models_app TO regress_models_reader;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL,
	feeling mood,
	score bigint,
	currency models_shared.money_code
);
CREATE VIEW poll_scores AS SELECT id, score FROM polls;
CREATE TABLE votes (
	id bigserial PRIMARY KEY,
	poll_id bigint NOT NULL REFERENCES polls,
	feeling mood NOT NULL
);
CREATE INDEX votes_poll_id_idx ON votes (poll_id);
COMMENT ON TABLE votes IS 'one row per vote';
GRANT SELECT ON ALL TABLES IN SCHEMA models_app TO regress_models_reader;
$$, 'models_app') #- '{schemas,models_app,tables}' #- '{schemas,models_app,types}'
                  #- '{schemas,models_app,views}' #- '{schemas,models_app,sequences}' AS schema_itself;
SELECT step, action, object_type, object_name, sql FROM migrate_check('{models_app}');
-- without such statements, the comment and privileges are the live ones
SELECT (migrate_model_set('CREATE TABLE t (id int);', 'models_app')
        #> '{schemas,models_app}') - 'tables'::text AS live_ones;
-- a model of a schema with no object: its comment and privileges
BEGIN;
SELECT migrate_model_set($$COMMENT ON SCHEMA models_empty IS 'nothing yet';
GRANT USAGE ON SCHEMA models_empty TO regress_models_reader;$$, 'models_empty');
SELECT step, action, object_type, object_name, sql FROM migrate_check('{models_empty}');
ROLLBACK;
-- the comment, privileges or objects of another schema are refused
SELECT migrate_model_set($$CREATE TABLE t (id int);
COMMENT ON SCHEMA models_shared IS 'not this one';$$, 'models_app');
SELECT migrate_model_set('GRANT USAGE ON SCHEMA models_app, models_shared TO PUBLIC;', 'models_app');
SELECT migrate_model_set('GRANT SELECT ON ALL TABLES IN SCHEMA public TO PUBLIC;', 'models_app');
SELECT migrate_model_set($$CREATE TABLE t (id int);
COMMENT ON COLUMN models_shared.x.y IS 'not this one';$$, 'models_app');
SELECT migrate_model_set('CREATE TABLE t (id int); GRANT SELECT ON models_shared.x TO PUBLIC;', 'models_app');
-- and so are the database's and the cluster's objects: no schema holds them
SELECT migrate_model_set($$CREATE TABLE t (id int);
GRANT CONNECT ON DATABASE postgres TO PUBLIC;$$, 'models_app');
SELECT migrate_model_set($$CREATE TABLE t (id int);
COMMENT ON EXTENSION plpgsql IS 'not a model''s';$$, 'models_app');
SELECT migrate_model_set('GRANT USAGE ON LANGUAGE plpgsql TO PUBLIC;', 'models_app');
REVOKE USAGE ON SCHEMA models_app FROM PUBLIC;
DROP ROLE regress_models_reader;

-- several models: a check across them follows the references between them
-- (a column of one model, of a type that another model rebuilds)
CREATE SCHEMA models_c;
CREATE TYPE models_c.mood AS ENUM ('a', 'b', 'c');
CREATE SCHEMA models_d;
CREATE TABLE models_d.t (id int, m models_c.mood);
SELECT migrate_model_set($$CREATE TYPE mood AS ENUM ('a', 'b');$$, 'models_c') IS NOT NULL AS set;
SELECT migrate_model_set($$CREATE TABLE t (id int, m models_c.mood);$$, 'models_d') IS NOT NULL AS set;
SELECT step, action, object_name, sql, hazards FROM migrate_check('{models_c,models_d}');
DO $$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT * FROM migrate_check('{models_c,models_d}') LOOP
		EXECUTE r.sql;
	END LOOP;
END
$$;
SELECT * FROM migrate_check('{models_c,models_d}');
SELECT migrate_model_drop('models_c'), migrate_model_drop('models_d');
DROP SCHEMA models_d CASCADE;
DROP SCHEMA models_c CASCADE;

-- a schema whose name needs quotes: the model still may not use an object
-- of the live schema it does not define
CREATE SCHEMA "Models Quoted";
CREATE TABLE "Models Quoted".polls (id int PRIMARY KEY);
SELECT migrate_model_set('CREATE TABLE votes (poll_id int REFERENCES polls);', 'Models Quoted');
DROP SCHEMA "Models Quoted" CASCADE;

-- clean up
SELECT migrate_model_drop('models_app');
DROP SCHEMA models_app CASCADE;
DROP SCHEMA models_shared CASCADE;

-- Hardening (issue 12): input that once emptied a schema, ran the caller's
-- code, advanced a live sequence, made DROP EXTENSION fail or crashed the
-- backend is refused with a clear error, and leaves the database, the
-- models, the properties and the versions as they were.  In a database of
-- its own.
\set VERBOSITY default
SELECT current_database() AS regress_db \gset
CREATE DATABASE regress_hardening;
\c regress_hardening
SET client_min_messages = warning;
CREATE EXTENSION pg_migrate;

CREATE TABLE polls (id bigserial PRIMARY KEY, question text NOT NULL);
CREATE TABLE voters (id bigserial PRIMARY KEY,
	poll_id bigint REFERENCES polls, name text);
CREATE SCHEMA app;
CREATE TABLE app.tickets (id int PRIMARY KEY);
CREATE SEQUENCE live_seq;
CREATE TABLE audit (what text);
-- shadows a built-in: it must never run while a model is validated
CREATE FUNCTION public.lower(text) RETURNS text IMMUTABLE LANGUAGE plpgsql
	AS $$BEGIN INSERT INTO public.audit VALUES ('public.lower ran'); RETURN $1; END$$;
-- claims to be immutable, writes and advances a sequence
CREATE FUNCTION public.liar() RETURNS int IMMUTABLE LANGUAGE plpgsql
	AS $$BEGIN INSERT INTO public.audit VALUES ('liar ran');
	PERFORM nextval('public.live_seq'); RETURN 1; END$$;
SELECT migrate_model_capture('{app}');

CREATE VIEW state AS
SELECT (SELECT count(*) FROM pg_namespace) AS schemas,
       (SELECT count(*) FROM pg_class) AS relations,
       (SELECT pg_catalog.md5(pg_catalog.string_agg(schema_name || model::text, ',' ORDER BY schema_name))
          FROM migrate_models m) AS models,
       (SELECT count(*) FROM audit) AS audit,
       (SELECT last_value::text || is_called::text FROM live_seq) AS seq;
CREATE TEMP TABLE tmp (a int);
CREATE TEMP TABLE before AS SELECT * FROM state WITH NO DATA;
INSERT INTO before SELECT * FROM state;

-- 1. A model defines objects.  Statements that change or name objects the
-- model does not create (of the live schema, of another schema, of the
-- system) are refused with 0A000, naming the statement.
SELECT migrate_model_set('ALTER TABLE polls ADD COLUMN x int');
SELECT migrate_model_set('ALTER TABLE polls DROP CONSTRAINT polls_pkey');
SELECT migrate_model_set('COMMENT ON TABLE polls IS ''polls''');
SELECT migrate_model_set('GRANT SELECT ON polls TO PUBLIC');
SELECT migrate_model_set('ALTER TABLE polls RENAME TO ballots');
SELECT migrate_model_set('ALTER TABLE polls RENAME COLUMN question TO q');
SELECT migrate_model_set('CREATE TABLE t (a int); CREATE INDEX ON polls (question)');
SELECT migrate_model_set('CREATE TABLE t (a int); ALTER SEQUENCE live_seq RESTART');
SELECT migrate_model_set('CREATE TABLE t (a int); ALTER FUNCTION liar() STABLE');
SELECT migrate_model_set('CREATE TABLE t (a int); COMMENT ON FUNCTION pg_catalog.lower(text) IS ''x''');
SELECT migrate_model_set('CREATE TABLE t (a int); COMMENT ON FUNCTION lower(text) IS ''x''', 'app');
SELECT migrate_model_set('CREATE TABLE t (a int) PARTITION BY LIST (a); ALTER TABLE t ATTACH PARTITION audit FOR VALUES IN (1)');
-- COMMENT, GRANT, renames and owners: only of the kinds a snapshot holds
-- (an allow-list)
SELECT migrate_model_set('CREATE TABLE t (a int); COMMENT ON TRANSFORM FOR integer LANGUAGE sql IS ''x''');
SELECT migrate_model_set('CREATE TABLE t (a int); ALTER TEXT SEARCH CONFIGURATION english RENAME TO e2');
SELECT migrate_model_set('CREATE TABLE t (a int); ALTER CONVERSION c OWNER TO CURRENT_USER');
-- a qualified name of another schema (a rename too)
SELECT migrate_model_set('ALTER TABLE public.polls RENAME TO ballots', 'app');
SELECT migrate_model_set('ALTER TABLE app.tickets OWNER TO CURRENT_USER', 'public');
-- temporary objects land in pg_temp, not in the model's schema
SELECT migrate_model_set('CREATE TEMP TABLE t (a int)');
SELECT migrate_model_set('CREATE TEMPORARY SEQUENCE s');
SELECT migrate_model_set('CREATE VIEW v AS SELECT a FROM tmp');
-- DDL that creates nothing: an empty model
SELECT migrate_model_set('CREATE EXTENSION pg_migrate');
SELECT migrate_model_set('CREATE EXTENSION IF NOT EXISTS plpgsql', 'app');
-- on objects the model creates, the same statements are the model's
SELECT jsonb_pretty(migrate_model_set($$
CREATE TABLE t (id int PRIMARY KEY, a text);
ALTER TABLE t ADD COLUMN b int NOT NULL DEFAULT 0;
ALTER TABLE t RENAME COLUMN a TO label;
COMMENT ON TABLE t IS 'the model''s own';
COMMENT ON COLUMN t.label IS 'a label';
GRANT SELECT ON t TO PUBLIC;
CREATE INDEX t_label_idx ON t (label);
ALTER INDEX t_label_idx RENAME TO t_label;
CREATE TYPE e AS ENUM ('a');
ALTER TYPE e ADD VALUE 'b';
COMMENT ON TYPE e IS 'an enum';
$$, 'app') -> 'schemas' -> 'app');

-- 2. Validation without side effects.  pg_catalog comes first in the
-- search_path of the shadow: public.lower(text) hides nothing (as in a
-- session with the default search_path), and never runs.
SELECT migrate_model_set($$
CREATE TABLE t (a text);
ALTER TABLE t ADD COLUMN b text DEFAULT lower('X');
CREATE VIEW v AS SELECT lower(a) AS l FROM t;
$$) -> 'schemas' -> 'public' -> 'views';
-- a materialized view's query does not run: nextval() of a live sequence
-- is not called, and the model says what the DDL says (populated or not)
SELECT migrate_model_set($$
CREATE MATERIALIZED VIEW m AS SELECT nextval('public.live_seq') AS n;
CREATE MATERIALIZED VIEW m_empty AS SELECT 1 AS one WITH NO DATA;
CREATE UNIQUE INDEX m_n ON m (n);
$$, 'app') -> 'schemas' -> 'app' -> 'materialized_views';
-- no function of the caller, nor of the model, runs while the model is
-- validated: PostgreSQL would run it for an added column's default, a
-- constant part of an index or check expression
SELECT migrate_model_set('CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN c int DEFAULT public.liar()', 'app');
SELECT migrate_model_set('CREATE TABLE t (a int); CREATE INDEX ON t ((a + public.liar()))', 'app');
SELECT migrate_model_set($$
CREATE FUNCTION f() RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT nextval(''public.live_seq'')::int';
CREATE TABLE t (a int);
ALTER TABLE t ADD CHECK (a > f());
$$, 'app');
-- a partition bound is constants: an expression would run
SELECT migrate_model_set($$
CREATE TABLE p (a bigint) PARTITION BY LIST (a);
CREATE TABLE p1 PARTITION OF p FOR VALUES IN (nextval('public.live_seq'));
$$, 'app');
-- in a CREATE TABLE, the same function is only referenced: accepted
SELECT migrate_model_set('CREATE TABLE t (a int DEFAULT public.liar() CHECK (a > public.liar()))', 'app')
	-> 'schemas' -> 'app' -> 'tables' -> 't' -> 'columns';
-- nothing ran, nothing changed but the models set above
SELECT b.schemas = s.schemas AS same_schemas, b.relations = s.relations AS same_relations,
       s.audit AS audit_rows, b.seq = s.seq AS sequence_untouched
  FROM before b, state s;
SELECT * FROM audit;
SELECT migrate_model_capture('{app}');
SELECT migrate_model_drop('public');
SELECT b.models = s.models AS same_models FROM before b, state s;

-- 3. Properties.  None on a table of an extension (pg_migrate's own
-- tables among them), so that DROP EXTENSION keeps working.
SELECT migrate_map('migrate_version');
SELECT migrate_map('public.migrate_properties');
SELECT migrate_column_property('migrate_log', 'n', '1');
SELECT migrate_relationship('polls', 'log', 'migrate_log');
-- A column property is one value per row: an expression whose type is a
-- row type (the whole row crashed the backend, deferred), a pseudo-type,
-- or that returns a set, is refused, deferred or not.
SELECT migrate_column_property('polls', 'p1', 'polls', deferred => true);
SELECT migrate_column_property('polls', 'p1', 'polls');
SELECT migrate_column_property('polls', 'p1', 'ROW(id, question)', deferred => true);
SELECT migrate_column_property('polls', 'p1', '(SELECT v FROM voters v WHERE v.poll_id = polls.id LIMIT 1)', deferred => true);
SELECT migrate_column_property('polls', 'p1', 'pg_sleep(0)', deferred => true);
SELECT migrate_column_property('polls', 'p1', 'generate_series(1, id)');
SELECT count(*) AS properties FROM migrate_properties;
-- a field of the row is one value
SELECT migrate_column_property('polls', 'q', '(polls).question', deferred => true);
SELECT relation, name, kind FROM migrate_properties;
-- 4. Settings.  An invalid pg_migrate.lock_timeout set before the library
-- is loaded (a placeholder) became 0, no limit, with a mere WARNING: the
-- first call that waits for a lock now fails, naming it, until it is set
-- again.  (pg_migrate.lock_timeout bounding the advisory lock:
-- specs/lock_timeout_advisory.spec.)
\c regress_hardening
SET client_min_messages = warning;
SET pg_migrate.lock_timeout = 'abc';
SELECT migrate_current();
SELECT migrate_stamp('base');
SELECT migrate_model_drop('nothing');
SHOW pg_migrate.lock_timeout;
SET pg_migrate.lock_timeout = '2s';
SELECT migrate_stamp('base');
\c regress_hardening
SET client_min_messages = warning;
SET pg_migrate.lock_timeout = '-5';
SELECT migrate_upgrade_sql('heads');
RESET pg_migrate.lock_timeout;
SELECT migrate_stamp('base');
-- the debug settings are a superuser's
CREATE ROLE regress_hardening_user;
SET ROLE regress_hardening_user;
SET pg_migrate.debug_drop_last_step = on;
SET pg_migrate.debug_verify_partial_snapshots = on;
SET pg_migrate.lock_timeout = '1s';
RESET ROLE;
DROP ROLE regress_hardening_user;

-- 5. Revision ids and branch labels that no target can name are refused
-- (22023, naming the value): head, heads, base, -N, and characters that
-- mean something in a target.
SELECT migrate_revision('r', false, 'SELECT 1', '', '-1');
SELECT migrate_revision('r', false, 'SELECT 1', '', '-20');
SELECT migrate_revision('r', false, 'SELECT 1', '', '+2');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'heads');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'base');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'a@head');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'r1', branch_label => '-1');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'r1', branch_label => 'head');
SELECT migrate_revision('r', false, 'SELECT 1', '', 'r1', branch_label => 'b@1');
SELECT count(*) AS revisions FROM migrate_revisions;
-- "-" elsewhere is an id a target names (whole ids are read first)
SELECT migrate_revision('r', false, 'SELECT 1', '', 'r-1', branch_label => 'v-2');
SELECT migrate_heads();
SELECT migrate_stamp('v-2@head');
SELECT migrate_current();
SELECT migrate_stamp('base');
SELECT migrate_remove('r-1');

-- (the end of the test:) the extension goes, the mapped view stays
DROP VIEW state;
DROP EXTENSION pg_migrate;
SELECT count(*) AS mapped_views FROM pg_views WHERE viewname = 'polls_mapped';

\c :regress_db
DROP DATABASE regress_hardening;

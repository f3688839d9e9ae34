-- Objects of kinds pg_migrate does not model are listed under "unmodeled"
-- (in their schema, or at the top level of "all" documents), and a diff
-- refuses while they differ, naming them, unless
-- pg_migrate.allow_unmodeled is on.
CREATE SCHEMA snap_unm;
SET search_path = snap_unm;
CREATE FUNCTION add_state(integer, integer) RETURNS integer
	LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION mul_state(integer, integer) RETURNS integer
	LANGUAGE sql IMMUTABLE AS 'SELECT $1 * $2';
CREATE TABLE t (id integer PRIMARY KEY, n integer);

-- nothing unmodelled: no "unmodeled" key, the document as it always was
SELECT public.migrate_snapshot('{snap_unm}') #> '{schemas,snap_unm}' ? 'unmodeled' AS has_unmodeled;
SELECT public.migrate_snapshot('{snap_unm}') AS before \gset
CREATE RULE t_no_delete AS ON DELETE TO t DO INSTEAD NOTHING;
CREATE STATISTICS t_stats ON id, n FROM t;
CREATE AGGREGATE total(integer) (SFUNC = add_state, STYPE = integer, INITCOND = '0');
CREATE FUNCTION int_eq(integer, integer) RETURNS boolean
	LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int_eq, RESTRICT = eqsel);
-- conversions are not modelled
CREATE CONVERSION to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION to_utf8 IS 'latin1 in';
CREATE CONVERSION from_utf8 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
SELECT key, value - 'definition' AS entry
  FROM jsonb_each(public.migrate_snapshot('{snap_unm}') #> '{schemas,snap_unm,unmodeled}')
 ORDER BY key COLLATE "C";
SELECT key, value ->> 'definition' AS definition
  FROM jsonb_each(public.migrate_snapshot('{snap_unm}') #> '{schemas,snap_unm,unmodeled}')
 ORDER BY key COLLATE "C";
-- database-wide objects only in "all" documents, at the top level
CREATE ACCESS METHOD snap_unm_am TYPE TABLE HANDLER heap_tableam_handler;
SELECT public.migrate_snapshot('{snap_unm}') ? 'unmodeled' AS top_level_in_schema_document;
SELECT key, value
  FROM jsonb_each(public.migrate_snapshot() -> 'unmodeled')
 WHERE key LIKE '%snap_unm%';
DROP ACCESS METHOD snap_unm_am;
SELECT public.migrate_snapshot('{snap_unm}') AS after \gset

-- the diff refuses, naming what differs
SELECT count(*) FROM public.migrate_diff(:'before', :'after');
SELECT public.migrate_diff_sql(:'after', :'before');
-- the same objects on both sides: no refusal, no step
SELECT count(*) FROM public.migrate_diff(:'after', :'after');

-- a change within an unmodelled object is a difference too
ALTER CONVERSION to_utf8 RENAME TO to_utf8_old;
CREATE DEFAULT CONVERSION to_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION to_utf8 IS 'latin1 in';
DROP CONVERSION to_utf8_old;
SELECT public.migrate_snapshot('{snap_unm}') #>> '{schemas,snap_unm,unmodeled,conversion to_utf8,definition}' AS definition;
SELECT count(*) FROM public.migrate_diff(public.migrate_snapshot('{snap_unm}'), :'after');

-- allowed: a warning, and the rest of the diff
SET pg_migrate.allow_unmodeled = on;
ALTER TABLE t ADD COLUMN note text;
SELECT action, object_name, sql FROM public.migrate_diff(:'after', public.migrate_snapshot('{snap_unm}'));
RESET pg_migrate.allow_unmodeled;

-- migrate_check() shows them too, naming them
SELECT public.migrate_model_capture('{snap_unm}');
CREATE CONVERSION to_latin2 FOR 'UTF8' TO 'LATIN2' FROM utf8_to_iso8859;
SELECT * FROM public.migrate_check('{snap_unm}');
-- and migrate_revision() refuses to autogenerate
SELECT public.migrate_revision('add a conversion') IS NOT NULL AS created;
SELECT count(*) FROM public.migrate_revisions;
SELECT public.migrate_model_drop('snap_unm');

RESET search_path;
DROP SCHEMA snap_unm CASCADE;

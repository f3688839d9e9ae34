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
-- an operator without a function (the shell a COMMUTATOR or NEGATOR
-- names) is not an operator yet, and is not modelled
CREATE FUNCTION int_lt(integer, integer) RETURNS boolean
	LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE OPERATOR <<< (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int_lt,
	COMMUTATOR = >>>, NEGATOR = >>=);
COMMENT ON OPERATOR >>> (integer, integer) IS 'a shell';
SELECT key, value - 'definition' AS entry
  FROM jsonb_each(public.migrate_snapshot('{snap_unm}') #> '{schemas,snap_unm,unmodeled}')
 ORDER BY key COLLATE "C";
SELECT key, value ->> 'definition' AS definition
  FROM jsonb_each(public.migrate_snapshot('{snap_unm}') #> '{schemas,snap_unm,unmodeled}')
 ORDER BY key COLLATE "C";
-- database-wide objects only in "all" documents, at the top level
-- (a subscription: without its connection string, which holds secrets)
CREATE SUBSCRIPTION snap_unm_sub CONNECTION 'dbname=nowhere password=secret'
	PUBLICATION snap_unm_pub WITH (connect = false, slot_name = NONE, enabled = false);
SELECT public.migrate_snapshot('{snap_unm}') ? 'unmodeled' AS top_level_in_schema_document;
SELECT key, value
  FROM jsonb_each(public.migrate_snapshot() -> 'unmodeled')
 WHERE key LIKE '%snap_unm%';
SELECT public.migrate_snapshot() AS with_sub \gset
DROP SUBSCRIPTION snap_unm_sub;
-- a diff of "all" documents refuses while it differs, or leaves it alone
SELECT count(*) FROM public.migrate_diff(public.migrate_snapshot(), :'with_sub');
SET pg_migrate.allow_unmodeled = on;
SELECT count(*) FROM public.migrate_diff(public.migrate_snapshot(), :'with_sub');
RESET pg_migrate.allow_unmodeled;
SELECT public.migrate_snapshot('{snap_unm}') AS after \gset

-- the diff refuses, naming what differs
SELECT count(*) FROM public.migrate_diff(:'before', :'after');
SELECT public.migrate_diff_sql(:'after', :'before');
-- the same objects on both sides: no refusal, no step
SELECT count(*) FROM public.migrate_diff(:'after', :'after');

-- a change within an unmodelled object is a difference too
COMMENT ON OPERATOR >>> (integer, integer) IS 'still a shell';
SELECT public.migrate_snapshot('{snap_unm}') #>> '{schemas,snap_unm,unmodeled,"operator >>>(integer,integer)",comment}' AS comment;
SELECT count(*) FROM public.migrate_diff(public.migrate_snapshot('{snap_unm}'), :'after');

-- allowed: a warning, and the rest of the diff
SET pg_migrate.allow_unmodeled = on;
ALTER TABLE t ADD COLUMN note text;
SELECT action, object_name, sql FROM public.migrate_diff(:'after', public.migrate_snapshot('{snap_unm}'));
RESET pg_migrate.allow_unmodeled;

-- migrate_check() shows them too, naming them
SELECT public.migrate_model_capture('{snap_unm}');
CREATE OPERATOR <<= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int_lt,
	COMMUTATOR = =>>);
SELECT * FROM public.migrate_check('{snap_unm}');
-- and migrate_revision() refuses to autogenerate
SELECT public.migrate_revision('add an operator') IS NOT NULL AS created;
SELECT count(*) FROM public.migrate_revisions;
SELECT public.migrate_model_drop('snap_unm');

RESET search_path;
DROP SCHEMA snap_unm CASCADE;

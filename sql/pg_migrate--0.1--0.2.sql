/*
 * pg_migrate 0.1 to 0.2: ALTER EXTENSION pg_migrate UPDATE TO '0.2'.
 *
 * Every change to an SQL-visible object between the two versions goes both
 * here and into pg_migrate--0.2.sql, so that an updated installation and a
 * fresh one are the same (test/update_from_0_1.sh checks it).  The tables keep
 * their rows: nothing here may drop or rewrite one.
 *
 * 0.2 adds renames recorded as intent (docs/models.md, "Renames"): the
 * renames column of migrate_models, the functions that record, forget and
 * list them, and migrate_check() showing them first.
 *
 * The shared library of 0.2 serves an installation of 0.1 until it is
 * updated (its C functions read only the arguments they are given).
 *
 * 0.2 also adds migrate_revisions.observed_hazards, migrate_observed_hazards()
 * and migrate_check(..., observe) (docs/revisions-autogenerate.md), and
 * migrate_models.checked_hash and snapshot_hash (docs/models.md).
 */

\echo Use "ALTER EXTENSION pg_migrate UPDATE TO '0.2'" to load this file. \quit

ALTER TABLE @extschema@.migrate_models ADD COLUMN renames jsonb NOT NULL DEFAULT '[]';
-- docs/models.md: the strict reader passed this model when it was stored
ALTER TABLE @extschema@.migrate_models ADD COLUMN checked_hash bigint;
-- docs/models.md: the snapshot hash of this model, computed when it was stored
ALTER TABLE @extschema@.migrate_models ADD COLUMN snapshot_hash text;

/*
 * Renames recorded as intent (docs/models.md, "Renames").
 */
CREATE FUNCTION @extschema@.migrate_model_rename(kind text, old_name text,
		new_name text, schema name DEFAULT 'public')
RETURNS void
AS 'MODULE_PATHNAME', 'migrate_model_rename'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_model_rename(text, text, text, name) IS
'records that an object of the live schema is renamed in the model: autogenerate writes ALTER ... RENAME instead of a drop and a create';

CREATE FUNCTION @extschema@.migrate_model_rename_drop(kind text, old_name text,
		schema name DEFAULT 'public')
RETURNS void
AS 'MODULE_PATHNAME', 'migrate_model_rename_drop'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_model_rename_drop(text, text, name) IS
'forgets a recorded rename';

CREATE FUNCTION @extschema@.migrate_renames(schemas name[] DEFAULT NULL)
RETURNS TABLE(schema_name name, kind text, old_name text, new_name text,
			  pending boolean, revision text, sql text)
AS 'MODULE_PATHNAME', 'migrate_renames'
LANGUAGE C STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_renames(name[]) IS
'the recorded renames (of every model, or of those of the schemas named), in the order recorded; pending: not yet applied by a revision';

CREATE FUNCTION @extschema@.migrate_rename_steps(model jsonb)
RETURNS TABLE(step int, object_type text, object_name text, sql text)
AS 'MODULE_PATHNAME', 'migrate_rename_steps'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_rename_steps(jsonb) IS
'the pending renames of a model document''s scope, as the statements that run them, in order';

CREATE FUNCTION @extschema@.migrate_renamed_snapshot(model jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'migrate_renamed_snapshot'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_renamed_snapshot(jsonb) IS
'the live snapshot of a model document''s scope as it is once the pending renames have run (in a subtransaction that is rolled back)';

-- migrate_check() takes observe (a new parameter: the function is made again).
DROP FUNCTION @extschema@.migrate_check(name[]);

CREATE FUNCTION @extschema@.migrate_observed_hazards(model jsonb)
RETURNS TABLE(step int, hazard text)
AS 'MODULE_PATHNAME', 'migrate_observed_hazards'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_observed_hazards(jsonb) IS
'what the upgrade towards a model document does to the live tables (locks, rewrites, drops, with their size), seen by rehearsing it on copies without rows as autogenerate does';

-- The live schemas that have a model (or those named) against their models:
-- the pending renames first, then the diff from the live schema as it is
-- once renamed.  A modelled schema that does not exist yet is left out of
-- the live snapshot, so that the diff creates it.  With observe, each
-- step's hazards end with what the rehearsal saw it do to live tables
-- ("observed: rewrites ...", docs/revisions-autogenerate.md).
CREATE FUNCTION @extschema@.migrate_check(schemas name[] DEFAULT NULL,
		observe boolean DEFAULT false)
RETURNS TABLE(step int, action text, object_type text, object_name text,
			  sql text, hazards text[])
LANGUAGE sql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
WITH t AS MATERIALIZED (SELECT @extschema@.migrate_model(schemas) AS m),
     r AS MATERIALIZED (SELECT s.* FROM t, @extschema@.migrate_rename_steps(t.m) AS s),
     o AS MATERIALIZED (SELECT h.step,
                               pg_catalog.array_agg('observed: ' OPERATOR(pg_catalog.||) h.hazard
                                                    ORDER BY h.n) AS observed
                          FROM t, @extschema@.migrate_observed_hazards(t.m)
                                  WITH ORDINALITY AS h(step, hazard, n)
                         WHERE observe
                         GROUP BY h.step),
     c AS (SELECT r.step, 'rename'::text AS action, r.object_type, r.object_name,
                  r.sql, '{}'::text[] AS hazards
             FROM r
           UNION ALL
           SELECT d.step OPERATOR(pg_catalog.+) (SELECT pg_catalog.count(*)::int FROM r),
                  d.action, d.object_type, d.object_name, d.sql, d.hazards
             FROM t, LATERAL @extschema@.migrate_diff(@extschema@.migrate_renamed_snapshot(t.m), t.m) AS d)
SELECT c.step, c.action, c.object_type, c.object_name, c.sql,
       c.hazards OPERATOR(pg_catalog.||) COALESCE(o.observed, '{}'::text[])
  FROM c LEFT JOIN o ON o.step OPERATOR(pg_catalog.=) c.step
 ORDER BY 1
$$;

COMMENT ON FUNCTION @extschema@.migrate_check(name[], boolean) IS
'the steps from the live schema to its model (every model, or those of the schemas named), with observe what a rehearsal saw each do; no rows means in sync';

/*
 * migrate_relationship() takes SQLAlchemy's primaryjoin, secondaryjoin and
 * join_depth, and the arguments of the backref (docs/mapped-views.md):
 * new parameters with defaults at the end, so that every call of 0.1 means
 * the same.  A function's parameter list cannot be extended in place.
 */
DROP FUNCTION @extschema@.migrate_relationship(text, name, text, text, name, name, text, boolean, text);

CREATE FUNCTION @extschema@.migrate_relationship(relation text, name name, target text,
	lazy text DEFAULT 'select', backref name DEFAULT NULL,
	foreign_key name DEFAULT NULL, secondary text DEFAULT NULL,
	uselist boolean DEFAULT NULL, order_by text DEFAULT NULL,
	primaryjoin text DEFAULT NULL, secondaryjoin text DEFAULT NULL,
	join_depth integer DEFAULT NULL, backref_lazy text DEFAULT NULL,
	backref_uselist boolean DEFAULT NULL, backref_order_by text DEFAULT NULL,
	backref_join_depth integer DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'migrate_relationship'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_relationship(text, name, text, text, name, name, text, boolean, text, text, text, integer, text, boolean, text, integer) IS
'SQLAlchemy''s relationship(): the related rows of the target, loaded eagerly (a jsonb column of the mapped view) or lazily (a function of the view''s row type)';

-- What autogenerate's rehearsal saw each step of a revision's upgrade do to
-- live tables (docs/revisions-autogenerate.md): NULL for the revisions
-- stored before, as for those written by hand.  No default: no rewrite.
ALTER TABLE @extschema@.migrate_revisions ADD COLUMN observed_hazards text[];
/*
 * Online mode (docs/revisions.md, "Online mode"): the mark of a revision,
 * a new parameter (online) at the end of the upgrade and downgrade
 * functions and their scripts, so that every call of 0.1 means the same.
 */
ALTER TABLE @extschema@.migrate_revisions ADD COLUMN
	online        boolean DEFAULT (CASE WHEN pg_catalog.current_setting('pg_migrate.online_default', true)
	                                    OPERATOR(pg_catalog.=) 'on' THEN true END);

DROP FUNCTION @extschema@.migrate_upgrade(text);
DROP FUNCTION @extschema@.migrate_downgrade(text);
DROP FUNCTION @extschema@.migrate_upgrade_sql(text, text);
DROP FUNCTION @extschema@.migrate_downgrade_sql(text, text);

CREATE FUNCTION @extschema@.migrate_upgrade(target text DEFAULT 'heads', online boolean DEFAULT NULL)
RETURNS TABLE(revision text, direction text, message text, duration interval)
AS 'MODULE_PATHNAME', 'migrate_upgrade'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_upgrade(text, boolean) IS
'apply every revision up to the target, in the caller''s transaction; returns the steps run (online => true: start the online worker instead)';

CREATE FUNCTION @extschema@.migrate_downgrade(target text, online boolean DEFAULT NULL)
RETURNS TABLE(revision text, direction text, message text, duration interval)
AS 'MODULE_PATHNAME', 'migrate_downgrade'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_downgrade(text, boolean) IS
'undo every applied revision above the target, in the caller''s transaction; returns the steps run (online => true: start the online worker instead)';

CREATE FUNCTION @extschema@.migrate_upgrade_sql(target text DEFAULT 'heads',
		from_revision text DEFAULT NULL, online boolean DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'migrate_upgrade_sql'
LANGUAGE C STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_upgrade_sql(text, text, boolean) IS
'offline mode: the upgrade as one script (BEGIN ... COMMIT) for psql -f, from this database''s version or from_revision; online: the online steps, each committed on its own';

CREATE FUNCTION @extschema@.migrate_downgrade_sql(target text, from_revision text DEFAULT NULL,
		online boolean DEFAULT NULL)
RETURNS text
AS 'MODULE_PATHNAME', 'migrate_downgrade_sql'
LANGUAGE C STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_downgrade_sql(text, text, boolean) IS
'offline mode: the downgrade as one script (BEGIN ... COMMIT) for psql -f; online: the online steps, each committed on its own';

/*
 * Online mode (docs/revisions.md, "Online mode").  A run is one call of
 * migrate_upgrade_online() (or online => true); its background worker
 * plans and runs it under pg_advisory_lock(8099547378373587553), held at
 * session level for the whole run.  Each step of a revision is a row of
 * migrate_online_steps, updated as it runs, so that a run stopped midway
 * (worker killed, server restarted) is resumed by the next.  Neither table
 * is dumped: a run belongs to the database it ran in.
 */
CREATE TABLE @extschema@.migrate_online_runs (
	id                bigserial PRIMARY KEY,
	direction         text NOT NULL CHECK (direction IN ('upgrade', 'downgrade')),
	target            text NOT NULL,
	search_path       text NOT NULL,     -- the caller's: each revision starts under it
	step_lock_timeout integer NOT NULL,  -- pg_migrate.online_lock_timeout (ms)
	tries             integer NOT NULL,  -- pg_migrate.online_tries
	retry_delay       integer NOT NULL,  -- pg_migrate.online_retry_delay (ms)
	role              name NOT NULL DEFAULT CURRENT_USER,
	state             text NOT NULL DEFAULT 'starting'
	                  CHECK (state IN ('starting', 'running', 'done', 'failed')),
	worker_pid        integer,
	requested_at      timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	started_at        timestamptz,
	finished_at       timestamptz,
	revisions         text[] NOT NULL DEFAULT '{}',  -- applied, in Alembic's words
	error             text,
	sqlstate          text,
	error_detail      text
);

CREATE TABLE @extschema@.migrate_online_steps (
	id            bigserial PRIMARY KEY,
	revision      text NOT NULL,
	direction     text NOT NULL CHECK (direction IN ('upgrade', 'downgrade')),
	step          integer NOT NULL,
	statement     integer NOT NULL,  -- of the revision's SQL, from 1
	kind          text NOT NULL,
	sql           text NOT NULL,
	checksum      text NOT NULL,     -- of the revision's SQL the steps come from
	state         text NOT NULL DEFAULT 'pending'
	              CHECK (state IN ('pending', 'running', 'done')),
	revision_done boolean NOT NULL DEFAULT false,  -- migrate_version has it
	run           bigint,
	tries         integer NOT NULL DEFAULT 0,
	started_at    timestamptz,
	finished_at   timestamptz,
	relation      oid,    -- a running index step: the table built on, the index dropped
	old_indexes   oid[],  -- an index build: the table's indexes before it began
	UNIQUE (revision, direction, step)
);

CREATE VIEW @extschema@.migrate_progress AS
SELECT s.revision, s.direction, s.step, s.kind, s.sql AS statement, s.state,
       s.started_at AS started, s.finished_at AS finished, s.tries,
       p.phase, p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total,
       r.id AS run, r.worker_pid
  FROM @extschema@.migrate_online_steps s
  LEFT JOIN @extschema@.migrate_online_runs r ON r.id OPERATOR(pg_catalog.=) s.run
  LEFT JOIN pg_catalog.pg_stat_progress_create_index p
         ON s.state OPERATOR(pg_catalog.=) 'running'
        AND p.pid OPERATOR(pg_catalog.=) r.worker_pid
 ORDER BY s.id;

COMMENT ON VIEW @extschema@.migrate_progress IS
'the steps of the online runs, in the order they run: state, start, tries, and for an index being built the phase and blocks done';

CREATE PROCEDURE @extschema@.migrate_upgrade_online(target text DEFAULT 'heads')
AS 'MODULE_PATHNAME', 'migrate_upgrade_online'
LANGUAGE C;

COMMENT ON PROCEDURE @extschema@.migrate_upgrade_online(text) IS
'apply every revision up to the target online (CONCURRENTLY, NOT VALID then VALIDATE), by a background worker; outside any transaction block';

CREATE PROCEDURE @extschema@.migrate_downgrade_online(target text)
AS 'MODULE_PATHNAME', 'migrate_downgrade_online'
LANGUAGE C;

COMMENT ON PROCEDURE @extschema@.migrate_downgrade_online(text) IS
'undo every applied revision above the target online, by a background worker; outside any transaction block';

CREATE FUNCTION @extschema@.migrate_online_plan(target text DEFAULT 'heads',
		direction text DEFAULT 'upgrade')
RETURNS TABLE(revision text, step int, statement int, kind text, sql text, note text)
AS 'MODULE_PATHNAME', 'migrate_online_plan'
LANGUAGE C STABLE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_online_plan(text, text) IS
'the steps online mode would run from the current version to the target, and why a statement runs as written (note)';

CREATE FUNCTION @extschema@.migrate_revision_online(revision text, online boolean)
RETURNS void
AS 'MODULE_PATHNAME', 'migrate_revision_online'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_revision_online(text, boolean) IS
'mark a revision to be applied online (true), as written (false), or as the call says (NULL)';

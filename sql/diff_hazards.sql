-- docs/diff.md: each hazard is raised where it must be, and not on a
-- harmless step.  Source and target are two states of one schema; the
-- steps are computed and shown (test/roundtrip/ applies such steps).
CREATE SCHEMA hz;
CREATE TABLE hz.voters (id int PRIMARY KEY, poll_id int, name text);
CREATE TABLE hz.gone (id int);
CREATE TYPE hz.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE hz.polls (id int PRIMARY KEY, title text, score int, note text, m hz.mood);
CREATE VIEW hz.poll_titles AS SELECT id, title FROM hz.polls;
CREATE TEMP TABLE hz_docs AS SELECT 'source'::text AS name, migrate_snapshot('{hz}') AS doc;

-- the target state
ALTER TABLE hz.polls ADD COLUMN created date;                    -- harmless
ALTER TABLE hz.polls DROP COLUMN note;                           -- data_loss
ALTER TABLE hz.polls ALTER COLUMN score SET NOT NULL;            -- blocking_lock
DROP VIEW hz.poll_titles;
ALTER TABLE hz.polls ALTER COLUMN title TYPE varchar(200);       -- table_rewrite
CREATE VIEW hz.poll_titles AS SELECT id, title FROM hz.polls;    -- breaks_dependents
CREATE INDEX voters_name ON hz.voters (name);                    -- blocking_lock
ALTER TABLE hz.voters ADD CONSTRAINT voters_poll FOREIGN KEY (poll_id)
	REFERENCES hz.polls (id);                                    -- blocking_lock
ALTER TABLE hz.voters ADD CONSTRAINT voters_name_nonempty
	CHECK (name <> '') NOT VALID;                                -- harmless
DROP TABLE hz.gone;                                              -- data_loss
ALTER TYPE hz.mood RENAME TO mood_old;
CREATE TYPE hz.mood AS ENUM ('sad', 'happy');                    -- data_loss
ALTER TABLE hz.polls ALTER COLUMN m TYPE hz.mood USING NULL;
DROP TYPE hz.mood_old;
INSERT INTO hz_docs SELECT 'target', migrate_snapshot('{hz}');

SELECT step, action, object_type, object_name, hazards
  FROM migrate_diff((SELECT doc FROM hz_docs WHERE name = 'source'),
					(SELECT doc FROM hz_docs WHERE name = 'target'))
 ORDER BY step;

-- the script, hazards as comments above their statement
SELECT migrate_diff_sql((SELECT doc FROM hz_docs WHERE name = 'source'),
						(SELECT doc FROM hz_docs WHERE name = 'target'));

-- and back: every step the other way
SELECT step, action, object_type, object_name, hazards
  FROM migrate_diff((SELECT doc FROM hz_docs WHERE name = 'target'),
					(SELECT doc FROM hz_docs WHERE name = 'source'))
 ORDER BY step;

DROP SCHEMA hz CASCADE;

-- ADD COLUMN and table_rewrite: PostgreSQL 15 rewrites the table when it
-- must compute or check a value per row: a volatile default (a stable one,
-- like now() or a STABLE function, is computed once and stored as the
-- value of the existing rows), identity, serial, a stored generated
-- column, or a domain with a constraint (CHECK or NOT NULL, at any level
-- of domains over domains), which must be checked on every row's value,
-- the default or NULL.  The static hazard must say what PostgreSQL does:
-- each column is added to a table with a row, and whether its file
-- changed is compared with the diff's hazard.
CREATE SCHEMA hzc;
CREATE FUNCTION hzc.f_stable() RETURNS int LANGUAGE sql STABLE AS 'SELECT 1';
CREATE FUNCTION hzc.f_immutable() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1';
CREATE FUNCTION hzc.f_volatile() RETURNS int LANGUAGE plpgsql VOLATILE
	AS 'BEGIN RETURN 1; END';
CREATE DOMAIN hzc.d_check AS int CHECK (VALUE > 0);
CREATE DOMAIN hzc.d_not_null AS int NOT NULL;
CREATE DOMAIN hzc.d_plain AS int;
CREATE DOMAIN hzc.d_over_check AS hzc.d_check;
CREATE DOMAIN hzc.d_over_plain AS hzc.d_plain;
CREATE DOMAIN hzc.d_volatile_default AS float8 DEFAULT random();
CREATE TABLE hzc.w (id int);
INSERT INTO hzc.w VALUES (1);
CREATE TEMP TABLE hzc_docs AS SELECT 'source'::text AS name, migrate_snapshot('{hzc}') AS doc;
CREATE TEMP TABLE hzc_added (col text, def text, rewrote bool);
INSERT INTO hzc_added (col, def) VALUES
	('a_now', 'timestamptz DEFAULT now()'),
	('b_current_timestamp', 'timestamptz DEFAULT CURRENT_TIMESTAMP'),
	('c_stable', 'int DEFAULT hzc.f_stable()'),
	('d_immutable', 'int DEFAULT hzc.f_immutable() + 1'),
	('e_volatile', 'int DEFAULT hzc.f_volatile()'),
	('f_random', 'float8 DEFAULT random()'),
	('g_clock', 'timestamptz DEFAULT clock_timestamp()'),
	('h_setting', 'text DEFAULT current_setting(''search_path'')'),
	('i_domain_check', 'hzc.d_check'),
	('j_domain_check_default', 'hzc.d_check DEFAULT 5'),
	('k_domain_not_null', 'hzc.d_not_null DEFAULT 1'),
	('l_domain_plain', 'hzc.d_plain DEFAULT 3'),
	('m_domain_over_check', 'hzc.d_over_check'),
	('n_domain_over_plain', 'hzc.d_over_plain'),
	('o_domain_array', 'hzc.d_check[]'),
	('p_domain_volatile_default', 'hzc.d_volatile_default'),
	('q_identity', 'int GENERATED ALWAYS AS IDENTITY'),
	('r_generated', 'int GENERATED ALWAYS AS (id + 1) STORED'),
	('s_serial', 'serial'),
	('t_not_null_constant', 'int NOT NULL DEFAULT 7'),
	('u_cast_text', 'varchar(20) DEFAULT ''x''::character varying'),
	('v_catalog_domain', 'information_schema.cardinal_number'),
	('w_uuid', 'uuid DEFAULT gen_random_uuid()');
DO $$
DECLARE
	r record;
	before oid;
BEGIN
	FOR r IN SELECT * FROM hzc_added ORDER BY col LOOP
		before := pg_relation_filenode('hzc.w');
		EXECUTE format('ALTER TABLE hzc.w ADD COLUMN %I %s', r.col, r.def);
		UPDATE hzc_added SET rewrote = pg_relation_filenode('hzc.w') <> before
		 WHERE col = r.col;
	END LOOP;
END
$$;
INSERT INTO hzc_docs SELECT 'target', migrate_snapshot('{hzc}');
SELECT a.col, a.rewrote AS postgresql_rewrote,
	   'table_rewrite' = ANY (d.hazards) AS static_table_rewrite
  FROM hzc_added a
  LEFT JOIN migrate_diff((SELECT doc FROM hzc_docs WHERE name = 'source'),
						 (SELECT doc FROM hzc_docs WHERE name = 'target')) d
	ON d.object_type = 'column' AND d.action = 'create'
   AND d.object_name = 'hzc.w.' || a.col
 ORDER BY a.col;
DROP SCHEMA hzc CASCADE;

-- ALTER COLUMN TYPE and table_rewrite: PostgreSQL 15 keeps the table's
-- file when the planned conversion of the column is the column itself,
-- through binary-coercible relabellings (text to varchar, varchar to
-- text), length coercions that cannot fail (a longer varchar, a numeric of
-- more precision and the same scale), domains without constraints, and
-- timestamp to timestamptz and back when the session's time zone is UTC.
-- The diff plans the same conversion: each column is changed on a table
-- with a row, and whether its file changed is compared with the diff's
-- hazard.
SET TimeZone = 'UTC';
CREATE SCHEMA hzt;
CREATE DOMAIN hzt.d_plain AS int;
CREATE DOMAIN hzt.d_check AS int CHECK (VALUE > 0);
CREATE DOMAIN hzt.d_text AS text;
CREATE DOMAIN hzt.d_varchar8 AS varchar(8);
CREATE TEMP TABLE hzt_changed (col text, old text, new text, rewrote bool);
INSERT INTO hzt_changed (col, old, new) VALUES
	('a_varchar_longer', 'varchar(10)', 'varchar(20)'),
	('b_varchar_shorter', 'varchar(10)', 'varchar(5)'),
	('c_text_varchar', 'text', 'varchar'),
	('d_text_varchar_n', 'text', 'varchar(30)'),
	('e_int_bigint', 'int', 'bigint'),
	('f_int_domain', 'int', 'hzt.d_plain'),
	('g_domain_int', 'hzt.d_plain', 'int'),
	('h_int_domain_check', 'int', 'hzt.d_check'),
	('i_numeric_precision', 'numeric(10,2)', 'numeric(12,2)'),
	('j_numeric_scale', 'numeric(10,2)', 'numeric(10,4)'),
	('k_timestamp_tz', 'timestamp', 'timestamptz'),
	('l_timestamptz_plain', 'timestamptz', 'timestamp'),
	('m_int_text', 'int', 'text'),
	('n_domain_text', 'hzt.d_text', 'text'),
	('o_varchar_text', 'varchar(10)', 'text'),
	('p_int_array_bigint', 'int[]', 'bigint[]'),
	('q_varchar_array_text', 'varchar(10)[]', 'text[]'),
	('r_numeric_unconstrained', 'numeric(10,2)', 'numeric'),
	('s_bigint_int', 'bigint', 'int'),
	('t_char_longer', 'char(3)', 'char(5)'),
	('u_domain_varchar_base', 'hzt.d_varchar8', 'varchar(8)'),
	('v_varchar_domain', 'varchar(8)', 'hzt.d_varchar8');
DO $$
DECLARE
	r record;
BEGIN
	EXECUTE 'CREATE TABLE hzt.v (id int)';
	FOR r IN SELECT * FROM hzt_changed ORDER BY col LOOP
		EXECUTE format('ALTER TABLE hzt.v ADD COLUMN %I %s', r.col, r.old);
	END LOOP;
	INSERT INTO hzt.v (id) VALUES (1);
END
$$;
CREATE TEMP TABLE hzt_docs AS SELECT 'source'::text AS name, migrate_snapshot('{hzt}') AS doc;
DO $$
DECLARE
	r record;
	before oid;
BEGIN
	FOR r IN SELECT * FROM hzt_changed ORDER BY col LOOP
		before := pg_relation_filenode('hzt.v');
		EXECUTE format('ALTER TABLE hzt.v ALTER COLUMN %I TYPE %s USING %I::%s',
					   r.col, r.new, r.col, r.new);
		UPDATE hzt_changed SET rewrote = pg_relation_filenode('hzt.v') <> before
		 WHERE col = r.col;
	END LOOP;
END
$$;
INSERT INTO hzt_docs SELECT 'target', migrate_snapshot('{hzt}');
SELECT c.col, c.rewrote AS postgresql_rewrote,
	   'table_rewrite' = ANY (d.hazards) AS static_table_rewrite
  FROM hzt_changed c
  LEFT JOIN migrate_diff((SELECT doc FROM hzt_docs WHERE name = 'source'),
						 (SELECT doc FROM hzt_docs WHERE name = 'target')) d
	ON d.object_type = 'column' AND d.action = 'alter'
   AND d.object_name = 'hzt.v.' || c.col
 ORDER BY c.col;
DROP SCHEMA hzt CASCADE;
RESET TimeZone;

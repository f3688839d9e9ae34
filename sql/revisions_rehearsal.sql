-- Autogenerate's rehearsal: the scripts run on copies without rows, inside
-- the rolled-back subtransaction, so that no live table is locked beyond
-- ACCESS SHARE nor rewritten; what copies without rows cannot see is read
-- from the live rows (data checks).  Each kind of data check below first
-- refuses a revision, naming the object and one offending value, then,
-- with the offending row gone, stores it, and pg_locks shows that only
-- ACCESS SHARE was taken on the live tables (in the same transaction,
-- right after the call).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS pg_migrate;	-- a history of its own
CREATE EXTENSION pg_migrate;
SET client_min_messages = notice;
CREATE VIEW dc_locks AS
  SELECT n.nspname || '.' || c.relname AS relation, l.mode
    FROM pg_locks l
    JOIN pg_class c ON c.oid = l.relation
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation'
     AND n.nspname LIKE 'dc\_%' AND c.relkind = 'r'
   ORDER BY 1, 2;
-- the live tables' files, to see that none is rewritten
CREATE TABLE dc_files AS SELECT 0::oid AS relid, 0::oid AS file WITH NO DATA;
CREATE FUNCTION dc_same_files() RETURNS boolean LANGUAGE sql AS $$
  SELECT bool_and(pg_relation_filenode(relid) = file) FROM dc_files $$;

-- 1. SET NOT NULL on a column holding NULLs
CREATE SCHEMA dc_nn;
CREATE TABLE dc_nn.t (id integer, qty integer);
INSERT INTO dc_nn.t VALUES (1, 1), (2, NULL);
SELECT migrate_model_set('CREATE TABLE t (id integer, qty integer NOT NULL);', 'dc_nn') IS NOT NULL AS model_set;
SELECT migrate_revision('not null');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_nn.t WHERE qty IS NULL;
INSERT INTO dc_files SELECT oid, pg_relation_filenode(oid) FROM pg_class WHERE relnamespace = 'dc_nn'::regnamespace;
BEGIN;
SELECT migrate_revision('not null') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
SELECT dc_same_files();
ROLLBACK;
SELECT migrate_model_drop('dc_nn');

-- 2. a new UNIQUE constraint over duplicates
CREATE SCHEMA dc_uq;
CREATE TABLE dc_uq.t (id integer, code text);
INSERT INTO dc_uq.t VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, NULL), (5, NULL);
SELECT migrate_model_set('CREATE TABLE t (id integer, code text UNIQUE);', 'dc_uq') IS NOT NULL AS model_set;
SELECT migrate_revision('unique');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_uq.t WHERE id = 3;
BEGIN;
SELECT migrate_revision('unique') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_uq');

-- 3. a new primary key over NULLs, then over duplicates
CREATE SCHEMA dc_pk;
CREATE TABLE dc_pk.t (id integer, name text);
INSERT INTO dc_pk.t VALUES (1, 'a'), (2, 'b'), (2, 'c'), (NULL, 'd');
SELECT migrate_model_set('CREATE TABLE t (id integer PRIMARY KEY, name text);', 'dc_pk') IS NOT NULL AS model_set;
SELECT migrate_revision('primary key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_pk.t WHERE id IS NULL;
SELECT migrate_revision('primary key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_pk.t WHERE name = 'c';
BEGIN;
SELECT migrate_revision('primary key') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_pk');

-- 4. a CHECK constraint that a row violates
CREATE SCHEMA dc_ck;
CREATE TABLE dc_ck.t (id integer, qty integer);
INSERT INTO dc_ck.t VALUES (1, 5), (2, -1), (3, NULL);
SELECT migrate_model_set('CREATE TABLE t (id integer, qty integer CONSTRAINT qty_positive CHECK ((qty + 0) > 0));', 'dc_ck') IS NOT NULL AS model_set;
SELECT migrate_revision('check');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_ck.t WHERE qty < 0;
BEGIN;
SELECT migrate_revision('check') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_ck');

-- 5. a foreign key that a row violates (the referenced table is read too)
CREATE SCHEMA dc_fk;
CREATE TABLE dc_fk.owners (id integer PRIMARY KEY);
CREATE TABLE dc_fk.t (id integer, owner_id integer);
INSERT INTO dc_fk.owners VALUES (1);
INSERT INTO dc_fk.t VALUES (1, 1), (2, 99), (3, NULL);
SELECT migrate_model_set($$
  CREATE TABLE owners (id integer PRIMARY KEY);
  CREATE TABLE t (id integer, owner_id integer REFERENCES owners);
$$, 'dc_fk') IS NOT NULL AS model_set;
SELECT migrate_revision('foreign key');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_fk.t WHERE owner_id = 99;
BEGIN;
SELECT migrate_revision('foreign key') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_fk');

-- 6. values that do not convert to a column's new type; a widening that
-- cannot fail (integer to bigint) reads no row at all
CREATE SCHEMA dc_ty;
CREATE TABLE dc_ty.t (id integer, size text, n integer);
INSERT INTO dc_ty.t VALUES (1, '10', 1), (2, ' 12 ', 2), (3, 'large', 3), (4, NULL, 4);
SELECT migrate_model_set('CREATE TABLE t (id integer, size integer, n bigint);', 'dc_ty') IS NOT NULL AS model_set;
SELECT migrate_revision('type');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_ty.t WHERE size = 'large';
INSERT INTO dc_files SELECT oid, pg_relation_filenode(oid) FROM pg_class WHERE relnamespace = 'dc_ty'::regnamespace;
BEGIN;
SELECT migrate_revision('type') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
SELECT dc_same_files();
ROLLBACK;
SELECT migrate_model_drop('dc_ty');

-- 7. a label gone from an enum that a row holds (scalar and array columns)
CREATE SCHEMA dc_en;
CREATE TYPE dc_en.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE dc_en.t (id integer, m dc_en.mood, ms dc_en.mood[]);
INSERT INTO dc_en.t VALUES (1, 'ok', '{ok}'), (2, 'sad', '{ok}'), (3, 'ok', '{happy,sad}');
SELECT migrate_model_set($$
  CREATE TYPE mood AS ENUM ('ok', 'happy');
  CREATE TABLE t (id integer, m mood, ms mood[]);
$$, 'dc_en') IS NOT NULL AS model_set;
SELECT migrate_revision('enum');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_en.t WHERE m = 'sad';
SELECT migrate_revision('enum');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_en.t WHERE 'sad' = ANY (ms);
BEGIN;
SELECT migrate_revision('enum') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_en');

-- 8. a new UNIQUE index over duplicates
CREATE SCHEMA dc_ix;
CREATE TABLE dc_ix.t (id integer, a integer, b integer);
INSERT INTO dc_ix.t VALUES (1, 1, 1), (2, 1, 2), (3, 1, 1);
SELECT migrate_model_set($$
  CREATE TABLE t (id integer, a integer, b integer);
  CREATE UNIQUE INDEX t_a_b_idx ON t (a, b);
$$, 'dc_ix') IS NOT NULL AS model_set;
SELECT migrate_revision('unique index');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DELETE FROM dc_ix.t WHERE id = 3;
BEGIN;
SELECT migrate_revision('unique index') IS NOT NULL AS stored;
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_ix');

-- 9. a check that the live objects cannot evaluate is skipped, not an
-- error: the CHECK names a label of the enum the script makes again, which
-- the live enum lacks (a random pair of test/random found it)
CREATE SCHEMA dc_sk;
CREATE TYPE dc_sk.mood AS ENUM ('a', 'b_r');
CREATE TABLE dc_sk.t (id integer, m dc_sk.mood);
INSERT INTO dc_sk.t VALUES (1, 'a');
SELECT migrate_model_set($$
  CREATE TYPE mood AS ENUM ('a', 'b');
  CREATE TABLE t (id integer, m mood CONSTRAINT m_not_b CHECK (m <> 'b'));
$$, 'dc_sk') IS NOT NULL AS model_set;
BEGIN;
SELECT migrate_revision('enum made again, check on a new label') IS NOT NULL AS stored;
ROLLBACK;
SELECT migrate_model_drop('dc_sk');

-- 10. a check that calls a function of a schema the script creates: the
-- live database cannot evaluate it before the script has run, so it is not
-- checked (a random pair of the soak found it: the revision failed with
-- 'schema "dc_sf" does not exist')
CREATE SCHEMA dc_sf;
CREATE FUNCTION dc_sf.pos(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v > 0';
CREATE SCHEMA dc_sc;
CREATE TABLE dc_sc.t (id integer CONSTRAINT id_pos CHECK (dc_sf.pos(id)));
SELECT migrate_model_import(migrate_snapshot(ARRAY['dc_sc', 'dc_sf'])) IS NOT NULL AS imported;
ALTER TABLE dc_sc.t DROP CONSTRAINT id_pos;
DROP SCHEMA dc_sf CASCADE;
INSERT INTO dc_sc.t VALUES (1);
BEGIN;
SELECT migrate_revision('a check calling a function of a new schema') IS NOT NULL AS stored;
ROLLBACK;
SELECT migrate_model_drop('dc_sc');
SELECT migrate_model_drop('dc_sf');

-- A range type copied makes its multirange constructor functions again,
-- which the live document has apart: the copies still give the live
-- document back (a random pair of test/random found it).
CREATE SCHEMA dc_rg;
CREATE TYPE dc_rg.span AS RANGE (subtype = integer);
CREATE TABLE dc_rg.t (id integer, s dc_rg.span);
SELECT migrate_model_set($$
  CREATE TYPE span AS RANGE (subtype = integer);
  CREATE TABLE t (id integer, s span, note text);
$$, 'dc_rg') IS NOT NULL AS model_set;
BEGIN;
SELECT migrate_revision('a range type copied') IS NOT NULL AS stored;
ROLLBACK;
SELECT migrate_model_drop('dc_rg');

-- Observed hazards: what the rehearsal saw each step do to a live table,
-- weighed with its size; stored with the revision and shown by
-- migrate_show(), and by migrate_check(..., observe => true) per step.
CREATE SCHEMA dc_ob;
CREATE TABLE dc_ob.big (id integer PRIMARY KEY, v integer, note text);
INSERT INTO dc_ob.big SELECT g, g, 'n' FROM generate_series(1, 2000) g;
CREATE TABLE dc_ob.gone (id integer);
ANALYZE dc_ob.big, dc_ob.gone;
SELECT migrate_model_set($$
  CREATE TABLE big (id integer PRIMARY KEY, v bigint, note text NOT NULL DEFAULT '');
$$, 'dc_ob') IS NOT NULL AS model_set;
SELECT step, action, object_name, hazards
  FROM migrate_check('{dc_ob}', observe => true) ORDER BY step;
-- without observe, the static hazards alone
SELECT step, hazards FROM migrate_check('{dc_ob}') ORDER BY step;
BEGIN;
SELECT migrate_revision('observed', revision => 'ob01');
SELECT value FROM migrate_show('ob01') WHERE field = 'observed_hazards';
SELECT observed_hazards FROM migrate_revisions WHERE revision = 'ob01';
SELECT * FROM dc_locks;
ROLLBACK;
SELECT migrate_model_drop('dc_ob');

-- The rehearsal's stubs (tables copied only because a copy needs them) are
-- made of what ties them to the rest: here the unique key on "code" that
-- the upgrade's new foreign key refers to (nothing live refers to it), and
-- the columns the copied view reads; the check and the column "note" are
-- left out.  Without the key, the foreign key would fail on the copies.
-- The lock the new foreign key takes on the stub is observed.
CREATE SCHEMA dc_st;
CREATE TABLE dc_st.parent (id integer PRIMARY KEY, code text NOT NULL UNIQUE,
  note text CHECK (note <> ''), label text);
CREATE TABLE dc_st.child (id integer PRIMARY KEY, parent_code text);
CREATE VIEW dc_st.v AS
  SELECT c.id, p.label FROM dc_st.child c JOIN dc_st.parent p ON p.code = c.parent_code;
ANALYZE dc_st.parent, dc_st.child;
SELECT migrate_model_set($$
  CREATE TABLE parent (id integer PRIMARY KEY, code text NOT NULL UNIQUE,
    note text CHECK (note <> ''), label text);
  CREATE TABLE child (id integer PRIMARY KEY,
    parent_code varchar(20) REFERENCES parent (code));
  CREATE VIEW v AS
    SELECT c.id, p.label FROM child c JOIN parent p ON p.code = c.parent_code;
$$, 'dc_st') IS NOT NULL AS model_set;
BEGIN;
SET LOCAL pg_migrate.debug_verify_partial_snapshots = on;
SELECT migrate_revision('stubs', revision => 'st01') IS NOT NULL AS stored;
RESET pg_migrate.debug_verify_partial_snapshots;
SELECT observed_hazards FROM migrate_revisions WHERE revision = 'st01';
ROLLBACK;
SELECT migrate_model_drop('dc_st');
SET client_min_messages = warning;
DROP SCHEMA dc_st CASCADE;
SET client_min_messages = notice;

-- nothing of the rehearsal is left: no schema renamed aside
SELECT count(*) AS asides FROM pg_namespace WHERE nspname LIKE 'migrate\_rehearsal\_%';
SELECT count(*) AS revisions FROM migrate_revisions;
DROP SCHEMA dc_nn, dc_uq, dc_pk, dc_ck, dc_fk, dc_ty, dc_en, dc_ix, dc_sk, dc_sc, dc_ob, dc_rg CASCADE;
DROP VIEW dc_locks;
DROP TABLE dc_files;
DROP FUNCTION dc_same_files();

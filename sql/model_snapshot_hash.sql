-- The snapshot hash stored with each model (docs/models.md:
-- migrate_models.snapshot_hash): written with the model by every function
-- that stores one, and taken by autogenerate for the hash of the document
-- its upgrade reaches only when the row's checked_hash says its model is
-- still the one hashed and the document reached is that model byte for
-- byte.  Every revision's snapshot_hash must be the hash of its snapshot.
\set VERBOSITY default
-- A history of its own: earlier tests leave models and revisions behind.
SET client_min_messages = warning;
DROP EXTENSION pg_migrate;
CREATE EXTENSION pg_migrate;
SET client_min_messages = notice;

-- The hash of a document, in SQL (checksum.h: snapshot_hash()).
CREATE FUNCTION pg_temp.h(doc jsonb) RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT encode(sha256(convert_to(doc::text, 'UTF8')), 'hex') $$;
-- The revision's hash against its snapshot, against the stored model's
-- hash, and its snapshot against the stored model.
CREATE FUNCTION pg_temp.rev(r text)
RETURNS TABLE(revision text, hash_of_snapshot boolean, stored_model_hash boolean,
              snapshot_is_model_bytes boolean)
LANGUAGE sql AS $$
  SELECT r.revision, r.snapshot_hash = pg_temp.h(r.snapshot),
         r.snapshot_hash = m.snapshot_hash, r.snapshot::text = m.model::text
    FROM migrate_revisions r, migrate_models m
   WHERE r.revision = $1 AND m.schema_name = 'msh'
$$;

CREATE SCHEMA msh;
CREATE TABLE msh.polls (id integer PRIMARY KEY, question text NOT NULL);

-- 1. Every function that stores a model stores its hash: capture, import,
-- set (and storing again replaces it).
SELECT migrate_model_capture('{msh}');
SELECT schema_name, snapshot_hash = pg_temp.h(model) AS hash_of_model,
       checked_hash IS NOT NULL AS checked
  FROM migrate_models;
SELECT snapshot_hash AS captured FROM migrate_models \gset
SELECT migrate_model_import(migrate_snapshot('{msh}'));
SELECT snapshot_hash = pg_temp.h(model) AS hash_of_model,
       snapshot_hash = :'captured' AS same_model_same_hash
  FROM migrate_models;
SELECT migrate_model_set($$
  CREATE TABLE polls (id integer PRIMARY KEY, question text NOT NULL);
$$, 'msh') IS NOT NULL AS model_set;
SELECT snapshot_hash = pg_temp.h(model) AS hash_of_model FROM migrate_models;

-- 2. The cache used: the upgrade drops a column added by hand, and reaches
-- the stored model byte for byte; its hash is the stored one, and the
-- hash of the snapshot.
ALTER TABLE msh.polls ADD COLUMN note text;
SELECT migrate_revision('drop note', revision => 'msh01');
SELECT * FROM pg_temp.rev('msh01');
SELECT revision, direction FROM migrate_upgrade('head');
SELECT snapshot_hash = pg_temp.h(migrate_snapshot('{msh}')) AS live_has_recorded_hash
  FROM migrate_revisions WHERE revision = 'msh01';
SELECT * FROM migrate_verify();

-- 2b. That hash was the stored one: a different hash written in the
-- column alone (the row's model, hence its checked_hash, unchanged) is
-- what the revision records, and a value that is no hash is not taken.
-- Rolled back.
BEGIN;
ALTER TABLE msh.polls ADD COLUMN note text;
UPDATE migrate_models SET snapshot_hash = repeat('0', 64);
SELECT migrate_revision('drop note again', revision => 'msh0x');
SELECT snapshot_hash = repeat('0', 64) AS took_the_stored_hash
  FROM migrate_revisions WHERE revision = 'msh0x';
DELETE FROM migrate_revisions WHERE revision = 'msh0x';
UPDATE migrate_models SET snapshot_hash = 'not a hash';
SELECT migrate_revision('drop note again', revision => 'msh0x');
SELECT snapshot_hash = pg_temp.h(snapshot) AS hash_of_snapshot
  FROM migrate_revisions WHERE revision = 'msh0x';
ROLLBACK;

-- 3. The model changed behind pg_migrate's back (UPDATE ... SET model): the
-- row's snapshot_hash is now the hash of another document, and its
-- checked_hash no longer matches; the revision reaches the new model byte
-- for byte, and records the hash of what it reaches, not the stale one.
ALTER TABLE msh.polls ADD COLUMN closes_at timestamptz;
CREATE TEMP TABLE msh_later AS SELECT migrate_snapshot('{msh}') AS doc;
ALTER TABLE msh.polls DROP COLUMN closes_at;
UPDATE migrate_models SET model = (SELECT doc FROM msh_later)
 WHERE schema_name = 'msh';
SELECT snapshot_hash = pg_temp.h(model) AS hash_of_model FROM migrate_models;
SELECT migrate_revision('add closes_at', revision => 'msh02');
SELECT * FROM pg_temp.rev('msh02');
SELECT revision, direction FROM migrate_upgrade('head');
SELECT snapshot_hash = pg_temp.h(migrate_snapshot('{msh}')) AS live_has_recorded_hash
  FROM migrate_revisions WHERE revision = 'msh02';
SELECT * FROM migrate_verify();

-- 4. The upgrade reaches the model as the diff sees it, but not byte for
-- byte (the live table keeps its order of columns, which no diff changes):
-- the revision records the hash of what it reaches, not the stored one.
CREATE TABLE msh.pairs (b text, a integer);
SELECT migrate_model_set($$
  CREATE TABLE polls (id integer PRIMARY KEY, question text NOT NULL,
                      closes_at timestamptz);
  CREATE TABLE pairs (a integer, b text);
  CREATE TABLE extra (id integer);
$$, 'msh') IS NOT NULL AS model_set;
SELECT snapshot_hash = pg_temp.h(model) AS hash_of_model FROM migrate_models;
SELECT migrate_revision('add extra', revision => 'msh03');
SELECT upgrade_sql FROM migrate_revisions WHERE revision = 'msh03';
SELECT * FROM pg_temp.rev('msh03');
SELECT revision, direction FROM migrate_upgrade('head');
SELECT snapshot_hash = pg_temp.h(migrate_snapshot('{msh}')) AS live_has_recorded_hash
  FROM migrate_revisions WHERE revision = 'msh03';
SELECT * FROM migrate_verify();

-- cleanup
SELECT migrate_model_drop('msh');
DROP SCHEMA msh CASCADE;

-- Online mode (docs/revisions.md, "Online mode"): how each statement of a
-- revision is rewritten (migrate_online_plan(), the online script of
-- migrate_upgrade_sql()), a run by CALL migrate_upgrade_online() and back,
-- the errors of the entry points, the marks of revisions, and a plain
-- upgrade refused over an online run that stopped midway.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS pg_migrate CASCADE;
CREATE EXTENSION pg_migrate;
RESET client_min_messages;
\set SHOW_CONTEXT never
CREATE SCHEMA onl;
SET search_path = onl, public;

CREATE TABLE parent (id int PRIMARY KEY);
INSERT INTO parent SELECT g FROM generate_series(1, 10) g;
CREATE TABLE child (id int, parent_id int, score int, label text);
INSERT INTO child SELECT g, g % 10 + 1, g, 'x' || g FROM generate_series(1, 1000) g;
CREATE INDEX child_label ON child (label);
CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at);

-- one statement of each kind
SELECT migrate_revision('online kinds', false, $up$
CREATE INDEX child_score ON child (score);
CREATE UNIQUE INDEX IF NOT EXISTS "Child Id" ON onl.child USING btree (id) WHERE id > 0;
ALTER TABLE child ADD CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id);
ALTER TABLE ONLY child ADD CONSTRAINT child_score_check CHECK (score > 0) -- positive
;
ALTER TABLE child ALTER COLUMN score SET NOT NULL;
ALTER TABLE child ADD CONSTRAINT child_pkey PRIMARY KEY (id);
ALTER TABLE child ADD CONSTRAINT child_label_key UNIQUE (label);
DROP INDEX child_label;
CREATE INDEX child_label ON child (lower(label));
SET search_path = onl;
CREATE TABLE fresh (id int);
CREATE INDEX fresh_id ON fresh (id);
ALTER TABLE fresh ADD CONSTRAINT fresh_pkey PRIMARY KEY (id);
CREATE INDEX parted_at ON parted (at);
ALTER TABLE child ADD CHECK (id > 0);
ALTER TABLE child ADD CONSTRAINT child_nv CHECK (id < 100000) NOT VALID;
ALTER TABLE child ADD COLUMN note text, ALTER COLUMN label SET NOT NULL;
ALTER TABLE child ADD CONSTRAINT child_d UNIQUE (label) DEFERRABLE;
COMMENT ON TABLE child IS 'children';
RESET search_path;
$up$, $down$
COMMENT ON TABLE onl.child IS NULL;
ALTER TABLE onl.child DROP CONSTRAINT child_d;
ALTER TABLE onl.child DROP COLUMN note, ALTER COLUMN label DROP NOT NULL;
ALTER TABLE onl.child DROP CONSTRAINT child_nv;
ALTER TABLE onl.child DROP CONSTRAINT child_id_check;
DROP INDEX onl.parted_at;
DROP TABLE onl.fresh;
DROP INDEX onl.child_label;
CREATE INDEX child_label ON onl.child (label);
ALTER TABLE onl.child DROP CONSTRAINT child_label_key;
ALTER TABLE onl.child DROP CONSTRAINT child_pkey;
ALTER TABLE onl.child ALTER COLUMN score DROP NOT NULL;
ALTER TABLE onl.child DROP CONSTRAINT child_score_check;
ALTER TABLE onl.child DROP CONSTRAINT child_parent_fk;
DROP INDEX onl."Child Id", onl.child_score;
$down$, 'on01');

SELECT step, statement, kind, sql, note FROM migrate_online_plan('on01');

-- the online script: concurrent steps outside transaction blocks
SELECT migrate_upgrade_sql('on01', online => true);
-- online => NULL (the default) and no revision marked: the plain script
SELECT migrate_upgrade_sql('on01') = migrate_upgrade_sql('on01', online => false) AS plain;

-- the entry points' errors
BEGIN;
CALL migrate_upgrade_online('on01');
ROLLBACK;
BEGIN;
DO $$ BEGIN CALL migrate_upgrade_online('on01'); END $$;
ROLLBACK;
CREATE FUNCTION onl.f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CALL migrate_upgrade_online('on01'); END $$;
SELECT onl.f();
CALL migrate_upgrade_online(NULL);
CALL migrate_upgrade_online('nope');
CALL migrate_downgrade_online('on01');
SELECT * FROM migrate_online_plan('heads', 'sideways');
SELECT count(*) AS runs FROM migrate_online_runs;

-- the run
CALL migrate_upgrade_online('on01');
SELECT * FROM migrate_current();
SELECT revision, direction FROM migrate_log ORDER BY id;
SELECT revision, step, kind, state, tries FROM migrate_progress;
SELECT direction, target, state, revisions, error FROM migrate_online_runs;
-- every constraint validated, the checks that proved NOT NULL gone
SELECT conname, contype, convalidated FROM pg_constraint
 WHERE conrelid = 'onl.child'::regclass ORDER BY conname;
SELECT indexrelid::regclass AS index, indisvalid, indisunique, indisprimary
  FROM pg_index WHERE indrelid = 'onl.child'::regclass ORDER BY indexrelid::regclass::text;
SELECT attname, attnotnull FROM pg_attribute
 WHERE attrelid = 'onl.child'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum;
-- again: already there
CALL migrate_upgrade_online('on01');

-- the worker ran as the caller: the log's role
SELECT DISTINCT role = current_user AS as_caller FROM migrate_log;

-- and back, online
CALL migrate_downgrade_online('base');
SELECT * FROM migrate_current();
SELECT indexrelid::regclass AS index FROM pg_index WHERE indrelid = 'onl.child'::regclass ORDER BY indexrelid::regclass::text;
SELECT count(*) AS constraints FROM pg_constraint WHERE conrelid = 'onl.child'::regclass;

-- a step that fails: the run stops, its finished steps are kept, and a
-- plain upgrade refuses to run the revision's SQL over them
SELECT migrate_revision('fails', false,
    'CREATE INDEX child_id ON onl.child (id); SELECT 1/0;', 'DROP INDEX onl.child_id', 'on02');
CALL migrate_upgrade_online('on02');
SELECT revision, step, kind, state FROM migrate_progress WHERE revision = 'on02';
SELECT * FROM migrate_upgrade('on02');
-- fixed by hand: the next call resumes after the index
UPDATE migrate_online_steps SET sql = 'SELECT 1' WHERE revision = 'on02' AND step = 2;
CALL migrate_upgrade_online('on02');
SELECT revision, step, kind, state, tries FROM migrate_progress WHERE revision = 'on02';
SELECT * FROM migrate_current();
CALL migrate_downgrade_online('base');

-- marks: online_default marks the revisions created from then on; a plain
-- upgrade refuses them unless told online => false
SET pg_migrate.online_default = on;
SELECT migrate_revision('marked', false,
    'CREATE INDEX child_parent ON onl.child (parent_id)', 'DROP INDEX onl.child_parent', 'on03',
    parents => '{}');
RESET pg_migrate.online_default;
SELECT revision, online FROM migrate_revisions ORDER BY revision;
SELECT * FROM migrate_upgrade('on03');
SELECT migrate_upgrade_sql('on03', from_revision => 'base');
SELECT revision, direction FROM migrate_upgrade('on03', online => false);
SELECT revision, direction FROM migrate_downgrade('base', online => false);
SELECT migrate_revision_online('on03', false);
SELECT step, kind, note FROM migrate_online_plan('on03');
SELECT migrate_revision_online('nope', true);
SELECT migrate_revision_online('on03', NULL);

-- online => true from a function: the run starts when the transaction commits
BEGIN;
SELECT * FROM migrate_upgrade('on03', online => true);
ROLLBACK;
SELECT state FROM migrate_online_runs WHERE target = 'on03';

DROP SCHEMA onl CASCADE;
SET client_min_messages = warning;
DROP EXTENSION pg_migrate;

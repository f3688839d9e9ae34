-- Upgrade, downgrade and stamp over hand-written revisions with a branch
-- point, two labelled branches, a merge and a cross-branch dependency;
-- migrate_version after each step, the NOTICEs, migrate_log, edit and
-- remove, a step that fails, lock_timeout and search_path of the steps.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_migrate;
RESET client_min_messages;
\set SHOW_CONTEXT never
CREATE SCHEMA app;
SET search_path = app, public;

SELECT migrate_revision('create polls', false,
    'CREATE TABLE polls (id int PRIMARY KEY, question text NOT NULL)',
    'DROP TABLE polls', 'aa01');
SELECT migrate_revision('create voters', false,
    'CREATE TABLE voters (id int PRIMARY KEY, poll_id int REFERENCES polls)',
    'DROP TABLE voters', 'aa02');
-- two branches from aa02
SELECT migrate_revision('add email', false,
    'ALTER TABLE voters ADD email text', 'ALTER TABLE voters DROP email',
    'bb01', branch_label => 'mail');
SELECT migrate_revision('email unique', false,
    'CREATE UNIQUE INDEX voters_email ON voters (email)', 'DROP INDEX voters_email', 'bb02');
SELECT migrate_revision('create votes', false,
    'CREATE TABLE votes (voter_id int REFERENCES voters, choice int)', 'DROP TABLE votes',
    'cc01', parents => '{aa02}', branch_label => 'votes');
SELECT migrate_revision('votes by choice', false,
    'CREATE INDEX votes_choice ON votes (choice)', 'DROP INDEX votes_choice', 'cc02',
    parents => '{cc01}');

SELECT * FROM migrate_heads();
SELECT revision, parents, branch_labels, message, is_head, is_applied FROM migrate_history();

-- A helper: the version table, one line.
CREATE FUNCTION public.versions() RETURNS text LANGUAGE sql AS
$$ SELECT coalesce(string_agg(version_num, ', ' ORDER BY version_num), '(base)') FROM public.migrate_version $$;

-- Step by step up the mail branch, then the votes branch.
SELECT revision, direction, message FROM migrate_upgrade('+1');
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('+1');
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('mail@+1');
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('votes@+1');   -- a second row: a new branch
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('mail@head');
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('heads');
SELECT versions();
SELECT revision, direction, message FROM migrate_upgrade('heads');      -- already there: nothing runs
SELECT versions();
\d app.votes

-- Merge the two heads (default: every head).  The id is generated.
SELECT migrate_merge('merge mail and votes') AS merge_id \gset
SELECT :'merge_id' ~ '^[0-9a-f]{12}$' AS id_is_12_hex;
SELECT parents FROM migrate_history() WHERE revision = :'merge_id';
-- (renamed while nothing refers to it, so that this file's output is stable)
UPDATE migrate_revisions SET revision = 'mm01' WHERE revision = :'merge_id';
\set merge_id mm01
SELECT revision, direction FROM migrate_upgrade('head');
SELECT versions() = :'merge_id' AS one_row_after_merge;
SELECT migrate_revision('after merge', false,
    'ALTER TABLE polls ADD closed boolean NOT NULL DEFAULT false',
    'ALTER TABLE polls DROP closed', 'dd01');
SELECT revision, direction, message FROM migrate_upgrade();
SELECT versions();

-- Down again: the merge unmerges into two rows, then each branch.
SELECT revision, direction, message FROM migrate_downgrade('-1');
SELECT versions() = :'merge_id' AS at_merge;
SELECT revision, direction FROM migrate_downgrade('-1');                 -- -1 from a merge: its parents
SELECT versions();
SELECT revision, direction, message FROM migrate_downgrade('votes@-1');  -- the votes branch only
SELECT versions();
SELECT revision, direction, message FROM migrate_downgrade('votes@-1');  -- cc01 goes: aa02 stays implied by bb02
SELECT versions();
SELECT revision, direction, message FROM migrate_downgrade('aa02');
SELECT versions();
SELECT revision, direction, message FROM migrate_downgrade('base');
SELECT versions();
SELECT revision, direction FROM migrate_downgrade('base');             -- nothing to do
SELECT count(*) AS app_tables FROM pg_tables WHERE schemaname = 'app';

-- Below base, a target above the current revision, several steps through a merge.
SELECT * FROM migrate_downgrade('-1');
SELECT * FROM migrate_downgrade('bb01');
SELECT * FROM migrate_downgrade_sql('-2', 'dd01');

-- The log: one row per step, with the role and the revision's checksum.
SELECT l.revision, l.direction, l.role = current_user AS by_me,
       l.checksum = r.checksum AS checksum_of_revision,
       l.duration >= interval '0' AS timed
  FROM migrate_log l JOIN migrate_revisions r USING (revision)
 ORDER BY l.id;

-- Stamp: the version table only, nothing runs.
SELECT migrate_stamp('bb02');
SELECT versions();
SELECT count(*) AS app_tables FROM pg_tables WHERE schemaname = 'app';
SELECT migrate_stamp('votes@head');
SELECT versions();
SELECT migrate_stamp('aa02');
SELECT versions();
SELECT migrate_stamp('aa02');            -- already there: no change
SELECT migrate_stamp('base');
SELECT versions();
SELECT revision, direction, checksum FROM migrate_log WHERE direction = 'stamp' ORDER BY id;

-- A cross-branch dependency: ee01 (on votes) needs bb01 (on mail).
SELECT migrate_revision('votes need email', false, 'ALTER TABLE votes ADD voter_email text',
    'ALTER TABLE votes DROP voter_email', 'ee01', parents => '{cc02}', depends_on => '{bb01}');
SELECT revision, direction FROM migrate_upgrade('ee01');   -- pulls in bb01
SELECT versions();
SELECT revision, direction FROM migrate_downgrade('bb01'); -- nothing above bb01 on its line but ee01
SELECT versions();
SELECT migrate_graph() ~ '"ee01" -> "bb01" \[style = dashed' AS graph_shows_depends_on;
SELECT revision, direction FROM migrate_upgrade('ee01');
SELECT versions();
SELECT revision, direction FROM migrate_downgrade('mail@-1'); -- bb01 goes, and ee01 that needs it
SELECT versions();
SELECT revision, direction FROM migrate_downgrade('base');
SELECT migrate_remove('ee01');

-- Edit and remove: refused for applied revisions.
SELECT revision, direction FROM migrate_upgrade('aa02');
SELECT migrate_edit('aa01', 'CREATE TABLE polls (id bigint PRIMARY KEY)');
SELECT migrate_remove('aa02');
SELECT migrate_remove('bb01');           -- not applied, but bb02 is its child
SELECT migrate_edit('bb02', message => 'email unique (edited)');
SELECT migrate_edit('bb02', upgrade_sql => 'CREATE UNIQUE INDEX voters_email ON voters (lower(email))');
SELECT message, upgrade_sql, downgrade_sql FROM migrate_revisions WHERE revision = 'bb02';
SELECT migrate_edit('nosuch', message => 'x');
SELECT migrate_revision('tmp', false, 'SELECT 1', 'SELECT 1', 'ff01', parents => '{dd01}');
SELECT migrate_remove('ff01');
SELECT count(*) FROM migrate_revisions WHERE revision = 'ff01';

-- Creating revisions: idempotent replay, conflicts, bad parents.
SELECT migrate_revision('create polls', false,
    'CREATE TABLE polls (id int PRIMARY KEY, question text NOT NULL)',
    'DROP TABLE polls', 'aa01', parents => '{}');                       -- same: no-op
SELECT migrate_revision('create polls', false, 'CREATE TABLE polls (id int)', 'DROP TABLE polls', 'aa01');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'gg01', parents => '{nosuch}');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'gg01', parents => '{gg01}');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'gg01', parents => '{aa01,aa02}');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'gg01', parents => '{bb01,bb01}');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'gg01', parents => '{dd01}', branch_label => 'mail');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'bad id');
SELECT migrate_revision('x', false, 'SELECT 1', '', 'head');
SELECT migrate_revision('x', true, 'SELECT 1');
SELECT migrate_revision('x');                                          -- not at head: upgrade first
SELECT migrate_merge('nothing to merge');
SELECT count(*) AS revisions FROM migrate_revisions;

-- A step that fails mid-way: schema, version table and log stay as they were.
SELECT revision, direction FROM migrate_upgrade('bb02');
SELECT migrate_revision('half good', false,
    'CREATE TABLE half (id int); CREATE TABLE bad (x no_such_type)', 'DROP TABLE half', 'hh01',
    parents => '{bb02}');
SELECT versions(), (SELECT count(*) FROM migrate_log) AS log_rows;
SELECT * FROM migrate_upgrade('hh01');
SELECT versions(), (SELECT count(*) FROM migrate_log) AS log_rows,
       to_regclass('app.half') AS half;
-- several steps, the last one failing: none of them stays
SELECT * FROM migrate_upgrade('heads');
SELECT versions(), to_regclass('app.votes') AS votes;
SELECT migrate_remove('hh01');

-- Each step runs under the caller's search_path and pg_migrate.lock_timeout.
SELECT migrate_revision('settings', false,
    'CREATE TABLE seen AS SELECT current_setting(''lock_timeout'') AS lock_timeout, current_setting(''search_path'') AS search_path',
    'DROP TABLE seen', 'ii01', parents => '{bb02}');
SET pg_migrate.lock_timeout = '150ms';
SELECT revision FROM migrate_upgrade('ii01');
SELECT * FROM app.seen;
SHOW lock_timeout;
SHOW search_path;
RESET pg_migrate.lock_timeout;
SELECT revision FROM migrate_downgrade('bb02');
SELECT revision FROM migrate_upgrade('ii01');
SELECT * FROM app.seen;
SELECT revision FROM migrate_downgrade('bb02');
SET pg_migrate.lock_timeout = -1;
SET pg_migrate.nosuch = 1;

-- Statements run with the caller's privileges.
CREATE ROLE regress_pgm_reader;
GRANT USAGE ON SCHEMA app TO regress_pgm_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON migrate_version, migrate_log, migrate_revisions TO regress_pgm_reader;
GRANT USAGE ON SEQUENCE migrate_log_id_seq TO regress_pgm_reader;
SET ROLE regress_pgm_reader;
SELECT * FROM migrate_upgrade('ii01');
RESET ROLE;
SELECT versions();
REVOKE ALL ON migrate_version, migrate_log, migrate_revisions FROM regress_pgm_reader;
REVOKE ALL ON SEQUENCE migrate_log_id_seq FROM regress_pgm_reader;
REVOKE ALL ON SCHEMA app FROM regress_pgm_reader;
DROP ROLE regress_pgm_reader;

-- A step may not end the transaction.
SELECT migrate_revision('commits', false, 'COMMIT', '', 'jj01', parents => '{bb02}');
SELECT * FROM migrate_upgrade('jj01');
SELECT migrate_remove('jj01');

-- History, show and graph.
SELECT revision, parents, branch_labels, is_head, is_applied, applied_at IS NOT NULL AS has_applied_at
  FROM migrate_history();
SELECT * FROM migrate_current();
SELECT * FROM migrate_branches();
SELECT field, value FROM migrate_show('ii01') WHERE field NOT IN ('created_at', 'applied_at', 'checksum');
SELECT migrate_show('mail@head');
SELECT migrate_graph();

SELECT count(*) FROM migrate_downgrade('base');
DROP FUNCTION public.versions();
DROP SCHEMA app CASCADE;
RESET search_path;
DELETE FROM migrate_revisions;
DELETE FROM migrate_log;

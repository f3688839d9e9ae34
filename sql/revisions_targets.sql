-- The target grammar (docs/revisions.md) on a DAG with a branch point, two
-- labelled branches and a merge, built from hand-written revisions.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_migrate;
RESET client_min_messages;
\set SHOW_CONTEXT never

--   1a2b3c4d5e6f  create polls
--   2b3c4d5e6f70  add voters             (branch point)
--   3c4d5e6f7081  feature: add email     (label feature)
--   3c4d99990000  feature: email index
--   4d5e6f708192  hotfix: votes table    (label hotfix)
--   5e6f70819203  hotfix: votes index
SELECT migrate_revision('create polls', false, 'CREATE TABLE polls (id int PRIMARY KEY)', 'DROP TABLE polls', '1a2b3c4d5e6f');
SELECT migrate_revision('add voters', false, 'CREATE TABLE voters (id int PRIMARY KEY, poll_id int REFERENCES polls)', 'DROP TABLE voters', '2b3c4d5e6f70');
SELECT migrate_revision('add email', false, 'ALTER TABLE voters ADD email text', 'ALTER TABLE voters DROP email', '3c4d5e6f7081', branch_label => 'feature');
SELECT migrate_revision('email index', false, 'CREATE INDEX voters_email ON voters (email)', 'DROP INDEX voters_email', '3c4d99990000');
SELECT migrate_revision('votes table', false, 'CREATE TABLE votes (voter_id int REFERENCES voters)', 'DROP TABLE votes', '4d5e6f708192', parents => '{2b3c4d5e6f70}', branch_label => 'hotfix');
SELECT migrate_revision('votes index', false, 'CREATE INDEX votes_voter ON votes (voter_id)', 'DROP INDEX votes_voter', '5e6f70819203', parents => '{4d5e6f708192}');

SELECT revision, parents, branch_labels, message, is_head FROM migrate_history();
SELECT * FROM migrate_heads();
SELECT * FROM migrate_branches();

-- A target resolved to one revision (or the error it gives, with SQLSTATE).
CREATE FUNCTION resolve(target text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN (SELECT value FROM migrate_show(target) WHERE field = 'revision');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- The steps an offline upgrade or downgrade to a target would run.
CREATE FUNCTION up(target text, from_rev text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN coalesce((SELECT string_agg(m[1], E'\n')
	                   FROM regexp_matches(migrate_upgrade_sql(target, from_rev), '-- Running ([^\n]*)', 'g') AS m),
	                '(nothing)');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION down(target text, from_rev text DEFAULT NULL) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	RETURN coalesce((SELECT string_agg(m[1], E'\n')
	                   FROM regexp_matches(migrate_downgrade_sql(target, from_rev), '-- Running ([^\n]*)', 'g') AS m),
	                '(nothing)');
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- Nothing applied: every form that names one revision.
SELECT t AS target, resolve(t) AS resolves_to
  FROM unnest(ARRAY[
    '1a2b3c4d5e6f',        -- full id
    '1a2b',                -- unique prefix of 4
    '3c4d5',               -- unique prefix of 5
    'feature',             -- a branch label: the revision that declares it
    'feature@head', 'hotfix@head',
    '1a2b+1', '1a2b3c4d5e6f+1', '3c4d5e6f7081+1', '4d5e+1',
    '3c4d99990000-1', '3c4d99990000-2', '5e6f-3', '5e6f-0',
    '+1', '+2',
    'feature@+1', 'feature@+2', 'hotfix@+1', 'hotfix@+2'
  ]) AS t;

-- Sets and bases, as the steps an upgrade would run.
SELECT up('heads');
SELECT up('feature@head');
SELECT up('hotfix@+1');
SELECT up('base');

-- Every bad target, each with its own error.
SELECT t AS target, resolve(t) AS error
  FROM unnest(ARRAY[
    '',                    -- malformed: empty
    'a b',                 -- malformed: not an id
    '1a2b+',               -- malformed: sign without steps
    '+x',                  -- malformed
    '++1',                 -- malformed
    '@head',               -- malformed: no label
    'feature@',            -- malformed: nothing after @
    'feature@tail',        -- malformed
    'feature@+1x',         -- malformed
    'ffff',                -- unknown id or prefix
    'abc',                 -- too short to be a prefix
    'nosuch@head',         -- unknown label
    'nosuch+1',            -- unknown revision before +N
    '3c4d',                -- ambiguous prefix
    '3c4d-1',              -- ambiguous prefix before -N
    'head',                -- two heads
    'heads',               -- names two revisions, not one
    'base',                -- names no revision
    '2b3c+1',              -- walk up through a branch point
    '+3',                  -- from base: through the branch point
    '5e6f+1',              -- past a head
    'feature@+3',          -- past the head of a branch
    '1a2b-2',              -- below base
    '+99999999999'         -- too many steps
  ]) AS t;

-- Details and hints of the main errors.
SELECT migrate_upgrade_sql('head');
SELECT migrate_upgrade_sql('3c4d');
SELECT migrate_upgrade_sql('2b3c+1');
SELECT migrate_upgrade_sql('5e6f+2');
SELECT migrate_downgrade_sql('1a2b-2');
SELECT migrate_upgrade_sql('feature@x');
SELECT migrate_upgrade_sql(NULL);

-- Relative targets count from the applied heads.
SELECT migrate_stamp('3c4d5e6f7081');
SELECT * FROM migrate_current();
SELECT t AS target, resolve(t) AS resolves_to
  FROM unnest(ARRAY['+1', '-1', '-2', '-0', 'feature@+1', 'feature@-1', 'hotfix@+1']) AS t;
SELECT up('+1'), down('-1'), down('-2'), down('-3');
SELECT down('-4');
SELECT down('hotfix@-1');              -- nothing of hotfix is applied
SELECT down('4d5e6f708192');           -- not applied: no downgrade target
SELECT migrate_stamp('hotfix@head');   -- both branches applied now
SELECT * FROM migrate_current();
SELECT resolve('+1'), resolve('-1');   -- two applied heads: ambiguous
SELECT migrate_upgrade_sql('+1');
SELECT t AS target, resolve(t) AS resolves_to
  FROM unnest(ARRAY['feature@+1', 'feature@-1', 'hotfix@-1', 'hotfix@-2', 'hotfix@+1']) AS t;
SELECT down('feature@-1'), down('hotfix@-2');
SELECT down('2b3c');                   -- both branches come down
SELECT down('base');

-- Merge the two heads: labels follow both lines into the merge.
SELECT migrate_revision('merge feature and hotfix', false, '', '', '6f7081920314',
                        parents => '{3c4d99990000,5e6f70819203}');
SELECT migrate_revision('after the merge', false, 'ALTER TABLE polls ADD title text', 'ALTER TABLE polls DROP title', '708192031425');
SELECT revision, parents, branch_labels, is_head FROM migrate_history();
SELECT t AS target, resolve(t) AS resolves_to
  FROM unnest(ARRAY['head', 'heads', 'feature@head', 'hotfix@head', '6f70+1', '7081-1',
                    '6f70-1', '7081-3', '3c4d9+1', '5e6f+1', 'feature@+1', 'hotfix@-1']) AS t;
SELECT up('head', 'base');
SELECT up('6f70', '3c4d5e6f7081');     -- the merge pulls in the other branch
SELECT down('2b3c4d5e6f70', 'heads');  -- the merge unmerges, then both lines
SELECT down('7081-2', 'heads');        -- the last step down from a merge: both parents
SELECT down('hotfix@-2', 'heads');     -- the same along hotfix
SELECT down('hotfix@-3', 'heads');     -- a step past the merge: ambiguous
SELECT migrate_stamp('base');

-- Leave nothing behind for the tests that follow.
DROP FUNCTION resolve(text), up(text, text), down(text, text);
DELETE FROM migrate_revisions;
DELETE FROM migrate_log;

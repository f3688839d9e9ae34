-- Renames recorded as intent (docs/models.md, "Renames"): the data stays.
-- A fresh install: no revision, model or property of the tests before.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS pg_migrate CASCADE;
RESET client_min_messages;
CREATE EXTENSION pg_migrate;
CREATE SCHEMA rn;
SET search_path = rn, public;

-- What the live schema starts with, rows in every table.
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE polls (
    id int PRIMARY KEY,
    author_id int REFERENCES authors,
    question text NOT NULL,
    votes int,
    a int,
    b int,
    feeling mood CHECK (feeling IN ('ok', 'happy')),
    CONSTRAINT votes_positive CHECK (votes >= 0));
CREATE INDEX polls_question_idx ON polls (question);
CREATE TABLE ballots (id int PRIMARY KEY, poll_id int NOT NULL REFERENCES polls);
CREATE VIEW poll_questions AS SELECT id, question FROM polls;
CREATE SEQUENCE ticket_seq;
CREATE FUNCTION count_polls(int) RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM rn.polls WHERE author_id = $1';
INSERT INTO authors VALUES (1, 'ann'), (2, 'bob');
INSERT INTO polls VALUES (1, 1, 'tea?', 3, 10, 20, 'ok'), (2, 2, 'coffee?', 5, 11, 21, 'happy');
INSERT INTO ballots VALUES (1, 1), (2, 1), (3, 2);
SELECT migrate_model_capture('{rn}');

-- The model: polls is now surveys (with the foreign key of ballots to it),
-- question is title, votes is widened, a and b swap names and the new b
-- is widened too, the label ok is fine (in the rows and in a CHECK), the
-- index, a constraint, the view, the sequence and the function have new
-- names.
SELECT migrate_model_set($$
CREATE TYPE mood AS ENUM ('sad', 'fine', 'happy');
CREATE TABLE authors (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE surveys (
    id int PRIMARY KEY,
    author_id int REFERENCES authors,
    title text NOT NULL,
    votes bigint,
    b bigint,
    a int,
    feeling mood CHECK (feeling IN ('fine', 'happy')),
    CONSTRAINT votes_not_negative CHECK (votes >= 0));
CREATE INDEX surveys_title_idx ON surveys (title);
CREATE TABLE ballots (id int PRIMARY KEY, poll_id int NOT NULL REFERENCES surveys);
CREATE VIEW survey_titles AS SELECT id, title AS question FROM surveys;
CREATE SEQUENCE ticket_no;
CREATE FUNCTION count_surveys(int) RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM rn.polls WHERE author_id = $1';
$$, 'rn') IS NOT NULL AS model_set;

-- Without recorded intent: drops and creates, with rename candidates noted.
SELECT step, action, object_type, object_name, hazards
  FROM migrate_check('{rn}') WHERE 'rename_candidate' = ANY (hazards);

-- Bad input: clear errors, nothing stored.
SELECT migrate_model_rename('tabel', 'polls', 'surveys', 'rn');
SELECT migrate_model_rename('table', 'nope', 'surveys', 'rn');
SELECT migrate_model_rename('table', 'polls', 'nope', 'rn');
SELECT migrate_model_rename('table', 'polls', 'polls', 'rn');
SELECT migrate_model_rename('column', 'polls', 'title', 'rn');
SELECT migrate_model_rename('column', 'polls.question', 'title', 'rn');
SELECT migrate_model_rename('column', 'polls.question', 'other.title', 'rn');
SELECT migrate_model_rename('table', 'polls', 'surveys', 'nomodel');
SELECT migrate_model_rename('function', 'count_polls', 'count_surveys', 'rn');
SELECT migrate_model_rename('function', 'count_polls(text)', 'count_surveys', 'rn');
SELECT migrate_model_rename(NULL, 'polls', 'surveys', 'rn');
SELECT count(*) AS recorded FROM migrate_renames('{rn}');

-- Record: the table first, then what is inside it (by its live name).
SELECT migrate_model_rename('table', 'polls', 'surveys', 'rn');
SELECT migrate_model_rename('table', 'polls', 'surveys2', 'rn');      -- twice
SELECT migrate_model_rename('table', 'authors', 'surveys', 'rn');     -- same new name
SELECT migrate_model_rename('column', 'polls.question', 'surveys.title', 'rn');
SELECT migrate_model_rename('column', 'polls.a', 'b', 'rn');          -- a swap: a -> b
SELECT migrate_model_rename('column', 'polls.b', 'a', 'rn');          --         b -> a
SELECT migrate_model_rename('constraint', 'polls.votes_positive', 'votes_not_negative', 'rn');
SELECT migrate_model_rename('constraint', 'polls.polls_pkey', 'surveys_pkey', 'rn');
SELECT migrate_model_rename('constraint', 'polls.polls_author_id_fkey', 'surveys_author_id_fkey', 'rn');
SELECT migrate_model_rename('index', 'polls_question_idx', 'surveys_title_idx', 'rn');
SELECT migrate_model_rename('view', 'poll_questions', 'survey_titles', 'rn');
SELECT migrate_model_rename('sequence', 'ticket_seq', 'ticket_no', 'rn');
SELECT migrate_model_rename('function', 'count_polls(int)', 'count_surveys', 'rn');
SELECT migrate_model_rename('enum label', 'mood.ok', 'fine', 'rn');
SELECT kind, old_name, new_name, pending, revision IS NULL AS unwritten FROM migrate_renames('{rn}');

-- migrate_check(): the renames first, then the rest (the widened column,
-- the constraints named after the table).
SELECT step, action, object_type, object_name, sql FROM migrate_check('{rn}');

-- Autogenerate writes them; upgrade keeps every row.
SELECT migrate_revision('rename polls to surveys', revision => 'rn_renames');
SELECT l AS upgrade_renames_first
  FROM migrate_revisions, regexp_split_to_table(upgrade_sql, E'\n') WITH ORDINALITY AS s(l, n)
 WHERE message = 'rename polls to surveys' AND l ~ 'RENAME';
SELECT count(*) AS steps FROM migrate_upgrade('head');
SHOW search_path;    -- the steps' RESET search_path stays inside them
SELECT * FROM rn.surveys ORDER BY id;
SELECT * FROM rn.survey_titles ORDER BY id;
SELECT b.id, s.title FROM rn.ballots b JOIN rn.surveys s ON s.id = b.poll_id ORDER BY b.id;
SELECT count(*) AS differences FROM migrate_check('{rn}');
SELECT migrate_model('{rn}') = migrate_snapshot('{rn}') AS snapshot_is_model;
SELECT kind, old_name, pending, revision IS NOT NULL AS written FROM migrate_renames('{rn}');

-- Downgrade renames back, the rows still there; the renames apply again.
SELECT count(*) AS steps FROM migrate_downgrade('-1');
SELECT * FROM rn.polls ORDER BY id;
SELECT * FROM rn.poll_questions ORDER BY id;
SELECT b.id, p.question FROM rn.ballots b JOIN rn.polls p ON p.id = b.poll_id ORDER BY b.id;
SELECT relname FROM pg_class WHERE relnamespace = 'rn'::regnamespace ORDER BY relname;
SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'rn.polls'::regclass AND contype = 'c' ORDER BY 1;
SELECT count(*) FILTER (WHERE action = 'rename') AS renames FROM migrate_check('{rn}');

-- The revision removed, its renames apply again; forgetting one that is not recorded is an error.
SELECT migrate_remove(revision) FROM migrate_history() WHERE message = 'rename polls to surveys';
SELECT kind, old_name, pending FROM migrate_renames('{rn}') WHERE kind = 'sequence';
SELECT migrate_model_rename_drop('sequence', 'ticket_seq', 'rn');
SELECT migrate_model_rename_drop('sequence', 'ticket_seq', 'rn');
SELECT count(*) AS recorded FROM migrate_renames('{rn}');

-- A recorded rename whose object is gone is an error when used.
SELECT migrate_model_rename('sequence', 'ticket_seq', 'ticket_no', 'rn');
DROP SEQUENCE rn.ticket_seq;
SELECT count(*) FROM migrate_check('{rn}');
SELECT migrate_model_rename_drop('sequence', 'ticket_seq', 'rn');

-- A schema renamed: recorded with the model of the new name.
CREATE SCHEMA rn_old;
CREATE TABLE rn_old.things (id int PRIMARY KEY, what text);
INSERT INTO rn_old.things VALUES (1, 'kept');
SELECT migrate_model_set('CREATE TABLE things (id int PRIMARY KEY, what text);', 'rn_new') IS NOT NULL AS model_set;
SELECT migrate_model_rename('schema', 'rn_old', 'rn_new');
SELECT step, action, object_type, object_name, sql FROM migrate_check('{rn_new}');
SELECT migrate_model_drop('rn');
SELECT migrate_revision('rename schema', revision => 'rn_schema');
SELECT count(*) AS steps FROM migrate_upgrade('head');
SELECT * FROM rn_new.things;
SELECT count(*) AS steps FROM migrate_downgrade('-1');
SELECT * FROM rn_old.things;

-- A column dropped and one of the same type added at its place: a rename
-- candidate on both steps, the drop's SQL naming the call to record it.
CREATE TABLE rn_old.notes (id int PRIMARY KEY, body text);
SELECT migrate_model_set('CREATE TABLE things (id int PRIMARY KEY, what text); CREATE TABLE notes (id int PRIMARY KEY, content text);', 'rn_old') IS NOT NULL AS model_set;
SELECT action, object_name, hazards, sql FROM migrate_check('{rn_old}');
-- of another type: no candidate
SELECT migrate_model_set('CREATE TABLE things (id int PRIMARY KEY, what text); CREATE TABLE notes (id int PRIMARY KEY, content int);', 'rn_old') IS NOT NULL AS model_set;
SELECT action, object_name, hazards FROM migrate_check('{rn_old}');
DROP TABLE rn_old.notes;

-- Unrelated changes give no rename candidate.
SELECT migrate_model_set('CREATE TABLE things (id int PRIMARY KEY, what text, extra int); CREATE TABLE other (x date);', 'rn_old') IS NOT NULL AS model_set;
SELECT count(*) FILTER (WHERE 'rename_candidate' = ANY (hazards)) AS candidates FROM migrate_check('{rn_old}');
SELECT migrate_model_drop('rn_old');
SELECT migrate_model_drop('rn_new');
SELECT migrate_remove(revision) FROM migrate_history() WHERE message = 'rename schema';
DROP SCHEMA rn, rn_old CASCADE;
RESET search_path;

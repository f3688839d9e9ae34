-- The SQLAlchemy semantics of mapped views in a schema with a model:
-- autogenerate writes the views of a backref with its own strategy, eager
-- loading both ways, join_depth, primaryjoin with a filter, many-to-many
-- with secondaryjoin and a relationship to another schema into a
-- revision; upgrade creates them, downgrade removes them, and the check
-- is empty after each upgrade.
\set VERBOSITY default
SELECT current_database() AS regress_db \gset
CREATE DATABASE regress_mapped_sa_autogen;
\c regress_mapped_sa_autogen
SET client_min_messages = warning;
CREATE EXTENSION pg_migrate;

SELECT migrate_model_set($$
CREATE TABLE polls (id bigserial PRIMARY KEY, question text NOT NULL);
CREATE TABLE voters (
	id bigserial PRIMARY KEY,
	poll_id bigint NOT NULL REFERENCES polls (id),
	name text NOT NULL,
	active boolean NOT NULL DEFAULT true
);
CREATE INDEX ix_voters_poll_id ON voters (poll_id);
CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes, label text NOT NULL);
CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);
CREATE TABLE poll_tags (
	poll_id bigint NOT NULL REFERENCES polls,
	tag_id int NOT NULL REFERENCES tags,
	main boolean NOT NULL
);
$$) IS NOT NULL AS stored;
SELECT migrate_revision('tables', revision => 'a1');
SELECT revision FROM migrate_upgrade('head');
INSERT INTO polls (question) VALUES ('Tea?'), ('Coffee?');
INSERT INTO voters (poll_id, name, active) VALUES (1, 'ann', true), (1, 'bob', false), (2, 'cy', true);
INSERT INTO nodes VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 2, 'a1'), (4, 3, 'a1x');
INSERT INTO tags VALUES (1, 'drinks'), (2, 'hot');
INSERT INTO poll_tags VALUES (1, 1, true), (1, 2, false), (2, 2, true);
-- a table of another schema (without a model) that refers to voters
CREATE SCHEMA ext;
CREATE TABLE ext.badges (id int PRIMARY KEY, voter_id bigint NOT NULL REFERENCES voters, label text NOT NULL);
INSERT INTO ext.badges VALUES (1, 1, 'early'), (2, 3, 'new');

-- the cheatsheet's declaration, then both sides eager
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined', backref => 'poll');
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined',
	backref => 'poll', backref_lazy => 'joined');
SELECT migrate_relationship('polls', 'active_voters', 'voters', lazy => 'selectin',
	primaryjoin => $$voters.poll_id = polls.id AND voters.active$$);
SELECT migrate_relationship('nodes', 'children', 'nodes', lazy => 'joined', join_depth => 2);
SELECT migrate_relationship('polls', 'main_tags', 'tags', lazy => 'joined', secondary => 'poll_tags',
	secondaryjoin => $$poll_tags.tag_id = tags.id AND poll_tags.main$$);
SELECT migrate_relationship('voters', 'badges', 'ext.badges', lazy => 'joined', backref => 'voter');
-- nothing live in the modelled schema yet; the unmodelled one has its view
SELECT to_regclass('polls_mapped') AS live_view, to_regclass('ext.badges_mapped') AS ext_view;
SELECT step, action, object_type, object_name FROM migrate_check();

SELECT migrate_revision('mapped views', revision => 'b2');
SELECT revision FROM migrate_upgrade('head');
SELECT id, voters, active_voters, main_tags FROM polls_mapped ORDER BY id;
SELECT id, name, poll, badges FROM voters_mapped ORDER BY id;
SELECT id, children FROM nodes_mapped WHERE id = 1;
SELECT b.label, v.name FROM ext.badges_mapped b, ext.voter(b) v ORDER BY b.id;
SELECT count(*) AS differences FROM migrate_check();

-- downgrade removes them, upgrade again, and the check is empty
SELECT revision, direction FROM migrate_downgrade('a1');
SELECT to_regclass('polls_mapped') AS polls_view, to_regclass('voters_mapped') AS voters_view,
       to_regclass('nodes_mapped') AS nodes_view;
SELECT step, action, object_type, object_name FROM migrate_check();
SELECT revision FROM migrate_upgrade('head');
SELECT count(*) AS differences FROM migrate_check();
SELECT id, jsonb_path_query_array(children, '$[*].children[*].label') AS grandchildren
  FROM nodes_mapped WHERE id = 1;

\c :regress_db
DROP DATABASE regress_mapped_sa_autogen;

-- Mapped views with SQLAlchemy's meaning, in a schema without a model:
-- backref with relationship()'s defaults or its own arguments, eager
-- loading in both directions (the joined loader's path rule), join_depth
-- on a self-referential tree, primaryjoin with a filter, many-to-many with
-- secondaryjoin, and a relationship to a table of another schema.
\set VERBOSITY default
SET client_min_messages = notice;

CREATE SCHEMA sa;
SET search_path = sa, public;
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL
);
CREATE TABLE voters (
	id bigserial PRIMARY KEY,
	poll_id bigint NOT NULL REFERENCES polls (id),
	name text NOT NULL,
	active boolean NOT NULL DEFAULT true
);
CREATE INDEX ix_voters_poll_id ON voters (poll_id);
INSERT INTO polls (question) VALUES ('Tea?'), ('Coffee?');
INSERT INTO voters (poll_id, name, active) VALUES
	(1, 'ann', true), (1, 'bob', false), (2, 'cy', true);

-- the cheatsheet's declaration: relationship("Voter", backref="poll",
-- lazy="joined").  The backref gets relationship()'s default, lazy
-- 'select': a function, not a column
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined', backref => 'poll');
SELECT relation, name, definition FROM migrate_properties
 WHERE relation LIKE 'sa.%' ORDER BY relation, name;
SELECT id, question, voters FROM polls_mapped ORDER BY id;
SELECT attname FROM pg_attribute
 WHERE attrelid = 'voters_mapped'::regclass AND attnum > 0 ORDER BY attnum;
SELECT v.name, p.question FROM voters_mapped v, poll(v) p ORDER BY v.id;
-- the lazy many-to-one is inlined by the planner: a join, no function call
EXPLAIN (COSTS OFF) SELECT v.name, p.question FROM voters_mapped v, poll(v) p;

-- backref("poll", lazy="joined"): both directions eager.  As SQLAlchemy's
-- joined loader: the voters embedded in a poll carry no poll, the poll
-- embedded in a voter carries no voters (the path does not go back)
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined',
	backref => 'poll', backref_lazy => 'joined');
SELECT relation, name, definition FROM migrate_properties
 WHERE relation LIKE 'sa.%' ORDER BY relation, name;
SELECT id, voters FROM polls_mapped ORDER BY id;
SELECT id, name, poll FROM voters_mapped ORDER BY id;
SELECT bool_or(v ? 'poll') AS a_voter_with_its_poll
  FROM polls_mapped p, jsonb_array_elements(p.voters) v;
-- a column property of voters is carried by the voters embedded in polls
SELECT migrate_column_property('voters', 'shout', $$upper(voters.name) || '!'$$);
SELECT voters FROM polls_mapped WHERE id = 2;
SELECT pg_get_viewdef('polls_mapped'::regclass, true);
-- the backref's own order_by (backref("voters_by_name", lazy="joined", order_by=...))
SELECT migrate_relationship('voters', 'poll_voters', 'polls', backref => 'voters_by_name',
	backref_lazy => 'joined', backref_order_by => 'name DESC');
SELECT id, voters_by_name -> 0 ->> 'name' AS last_by_name FROM polls_mapped ORDER BY id;
SELECT migrate_property_drop('voters', 'poll_voters');
SELECT relation, name FROM migrate_properties
 WHERE relation LIKE 'sa.%' ORDER BY relation, name;

-- primaryjoin with a filter: only the active voters, eager and lazy
SELECT migrate_relationship('polls', 'active_voters', 'voters', lazy => 'joined',
	primaryjoin => $$voters.poll_id = polls.id AND voters.active$$);
SELECT id, jsonb_path_query_array(active_voters, '$[*].name') AS active FROM polls_mapped ORDER BY id;
SELECT migrate_relationship('polls', 'active_list', 'voters',
	primaryjoin => $$voters.poll_id = polls.id AND voters.active$$);
SELECT p.id, v.name FROM polls_mapped p, active_list(p) v ORDER BY p.id, v.id;
-- and without a foreign key: uselist says the direction
CREATE TABLE notes (id int PRIMARY KEY, poll_ref bigint, body text);
INSERT INTO notes VALUES (1, 1, 'first'), (2, 1, 'second'), (3, 2, 'third');
SELECT migrate_relationship('polls', 'notes', 'notes', lazy => 'joined', uselist => true,
	primaryjoin => $$notes.poll_ref = polls.id$$, backref => 'poll',
	backref_lazy => 'joined');
SELECT id, notes FROM polls_mapped ORDER BY id;
SELECT id, poll ->> 'question' AS question, poll ? 'voters' AS with_voters,
       poll ? 'notes' AS with_notes
  FROM notes_mapped ORDER BY id;

-- join_depth on a self-referential tree: two levels, as SQLAlchemy's
-- join_depth=2; without it the eager relationship is not followed at all
-- (SQLAlchemy loads it lazily): a function
CREATE TABLE nodes (id int PRIMARY KEY, parent_id int REFERENCES nodes, label text NOT NULL);
INSERT INTO nodes VALUES (1, NULL, 'root'), (2, 1, 'a'), (3, 1, 'b'), (4, 2, 'a1'), (5, 4, 'a1x');
SELECT migrate_relationship('nodes', 'children', 'nodes', lazy => 'joined', join_depth => 2);
SELECT jsonb_pretty(children) FROM nodes_mapped WHERE id = 1;
SELECT migrate_relationship('nodes', 'kids', 'nodes', lazy => 'joined');
SELECT attname FROM pg_attribute
 WHERE attrelid = 'nodes_mapped'::regclass AND attnum > 0 ORDER BY attnum;
SELECT n.id, k.id AS kid FROM nodes_mapped n, kids(n) k ORDER BY 1, 2;

-- many-to-many with a secondaryjoin: only the tags marked primary
CREATE TABLE tags (id int PRIMARY KEY, label text NOT NULL);
CREATE TABLE poll_tags (
	poll_id bigint NOT NULL REFERENCES polls,
	tag_id int NOT NULL REFERENCES tags,
	main boolean NOT NULL
);
INSERT INTO tags VALUES (1, 'drinks'), (2, 'hot'), (3, 'cold');
INSERT INTO poll_tags VALUES (1, 1, true), (1, 2, false), (2, 1, true), (2, 3, true);
SELECT migrate_relationship('polls', 'main_tags', 'tags', lazy => 'joined',
	secondary => 'poll_tags', order_by => 'label',
	secondaryjoin => $$poll_tags.tag_id = tags.id AND poll_tags.main$$,
	backref => 'main_polls', backref_lazy => 'joined');
SELECT id, main_tags FROM polls_mapped ORDER BY id;
SELECT id, jsonb_path_query_array(main_polls, '$[*].id') AS polls FROM tags_mapped ORDER BY id;
SELECT definition FROM migrate_properties WHERE relation = 'sa.tags' AND name = 'main_polls';

-- a relationship to a table of another schema, and its backref there
CREATE SCHEMA sa_other;
CREATE TABLE sa_other.badges (
	id int PRIMARY KEY,
	voter_id bigint NOT NULL REFERENCES sa.voters,
	label text NOT NULL
);
INSERT INTO sa_other.badges VALUES (1, 1, 'early'), (2, 1, 'loud'), (3, 3, 'new');
SELECT migrate_relationship('voters', 'badges', 'sa_other.badges', lazy => 'joined',
	backref => 'voter');
SELECT id, name, badges FROM voters_mapped ORDER BY id;
SELECT b.label, v.name FROM sa_other.badges_mapped b, sa_other.voter(b) v ORDER BY b.id;
SELECT relation, name, definition FROM migrate_properties
 WHERE relation LIKE 'sa_other.%' ORDER BY relation, name;
SELECT migrate_property_drop('voters', 'badges');
SELECT to_regclass('sa_other.badges_mapped') AS gone;

RESET search_path;

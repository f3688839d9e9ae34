-- docs/mapped-views.md: mapped views on the Poll/Voter example of the cheatsheet,
-- in a schema without a model (the views are made at once).  Column
-- properties, every loading strategy, backref, many-to-many, nested eager
-- loading, the errors, and writes through the view.
\set VERBOSITY default
SET client_min_messages = notice;

-- err(q): the SQLSTATE and message of the error q raises, or 'ok'.
CREATE FUNCTION pg_temp.err(q text) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

CREATE SCHEMA mv;
CREATE TABLE mv.polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL
);
CREATE TABLE mv.voters (
	id bigserial PRIMARY KEY,
	poll_id bigint REFERENCES mv.polls (id),
	name text NOT NULL
);
CREATE INDEX ix_voters_poll_id ON mv.voters (poll_id);
CREATE TABLE mv.answers (
	id bigserial PRIMARY KEY,
	voter_id bigint NOT NULL REFERENCES mv.voters (id),
	choice text NOT NULL
);
CREATE TABLE mv.tags (
	id serial PRIMARY KEY,
	label text NOT NULL
);
CREATE TABLE mv.duels (
	id serial PRIMARY KEY,
	challenger_id bigint REFERENCES mv.voters (id),
	opponent_id bigint REFERENCES mv.voters (id)
);
CREATE TABLE mv.poll_tags (
	poll_id bigint NOT NULL REFERENCES mv.polls (id),
	tag_id integer NOT NULL REFERENCES mv.tags (id),
	PRIMARY KEY (poll_id, tag_id)
);
INSERT INTO mv.polls (question) VALUES ('Tea?'), ('Coffee?'), ('Nobody asked?');
INSERT INTO mv.voters (poll_id, name) VALUES
	(1, 'ann'), (1, 'bob'), (2, 'cy'), (1, 'dee'), (NULL, 'eve');
INSERT INTO mv.answers (voter_id, choice) VALUES (1, 'yes'), (1, 'maybe'), (3, 'no');
INSERT INTO mv.tags (label) VALUES ('drinks'), ('mornings'), ('unused');
INSERT INTO mv.poll_tags VALUES (1, 2), (1, 1), (2, 1);
INSERT INTO mv.duels (challenger_id, opponent_id) VALUES (1, 2), (2, 3);

-- n_voters: the cheatsheet's column_property, coalesce included
SELECT migrate_column_property('mv.polls', 'n_voters',
	$$(SELECT coalesce(count(voters.id), 0) FROM mv.voters WHERE voters.poll_id = polls.id)$$);
SELECT id, question, n_voters FROM mv.polls_mapped ORDER BY id;
SELECT relation, name, kind, definition FROM migrate_properties ORDER BY relation, name;

-- voters, joined, newest first; the related rows are voters_mapped rows
-- once voters has properties of its own (nested eager loading below)
SELECT migrate_relationship('mv.polls', 'voters', 'mv.voters',
	lazy => 'joined', order_by => 'id DESC');
SELECT id, n_voters, voters FROM mv.polls_mapped ORDER BY id;

-- the same rows lazily: a function of the view's row type, and backref
-- 'poll' on voters (same strategy: select) gives the poll or NULL
SELECT migrate_relationship('mv.polls', 'voter_list', 'mv.voters',
	backref => 'poll', order_by => 'id DESC');
SELECT p.id AS poll, v.id AS voter, v.name FROM mv.polls_mapped p, mv.voter_list(p) v
 ORDER BY p.id, v.id DESC;
SELECT p.id, (SELECT coalesce(jsonb_agg(to_jsonb(v)), '[]') FROM mv.voter_list(p) v) = p.voters AS same
  FROM mv.polls_mapped p ORDER BY p.id;
SELECT v.name, (mv.poll(v)).question, (mv.poll(v)).n_voters
  FROM mv.voters_mapped v ORDER BY v.id;
SELECT relation, name, definition FROM migrate_properties
 WHERE name IN ('voter_list', 'poll') ORDER BY relation, name;

-- nested eager loading, two levels: polls -> voters -> answers
SELECT migrate_relationship('mv.voters', 'answers', 'mv.answers',
	lazy => 'subquery', order_by => 'choice');
SELECT jsonb_pretty(voters) FROM mv.polls_mapped WHERE id = 1;

-- many-to-many through an association table
SELECT migrate_relationship('mv.polls', 'tags', 'mv.tags',
	lazy => 'selectin', secondary => 'mv.poll_tags', order_by => 'label');
SELECT id, tags FROM mv.polls_mapped ORDER BY id;

-- raise and noload
SELECT migrate_relationship('mv.polls', 'voters_raise', 'mv.voters', lazy => 'raise');
SELECT migrate_relationship('mv.polls', 'voters_none', 'mv.voters', lazy => 'noload');
SELECT migrate_relationship('mv.voters', 'poll_none', 'mv.polls', lazy => 'noload');
SELECT p.id, p.voters_none FROM mv.polls_mapped p ORDER BY p.id;
SELECT v.id, v.poll_none FROM mv.voters_mapped v WHERE v.id = 1;
SELECT v.* FROM mv.polls_mapped p, mv.voters_raise(p) v;

-- deferred column property: not a column, a function of the row type
SELECT migrate_column_property('mv.polls', 'shout', $$upper(polls.question) || '!'$$,
	deferred => true);
SELECT p.id, mv.shout(p) FROM mv.polls_mapped p ORDER BY p.id;
SET search_path = mv, public;	-- attribute notation finds the function
SELECT p.id, p.shout FROM polls_mapped p ORDER BY p.id;
RESET search_path;
SELECT attname FROM pg_attribute
 WHERE attrelid = 'mv.polls_mapped'::regclass AND attnum > 0 ORDER BY attnum;

-- the generated SQL
SELECT pg_get_viewdef('mv.polls_mapped'::regclass, true);
SELECT pg_get_functiondef('mv.voter_list(mv.polls_mapped)'::regprocedure);

-- writes through the view reach the table; properties are read-only
INSERT INTO mv.polls_mapped (question) VALUES ('Tabs or spaces?')
	RETURNING id, question, n_voters, voters, tags;
UPDATE mv.polls_mapped SET question = 'Tea or coffee?' WHERE id = 1
	RETURNING id, question, n_voters;
DELETE FROM mv.polls_mapped WHERE id = 4 RETURNING id;
SELECT id, question FROM mv.polls ORDER BY id;
UPDATE mv.polls_mapped SET n_voters = 7 WHERE id = 1;
INSERT INTO mv.polls_mapped (question, voters) VALUES ('x', '[]');
UPDATE mv.voters_mapped SET name = 'Ann' WHERE id = 1;
SELECT voters -> -1 ->> 'name' AS first_voter FROM mv.polls_mapped WHERE id = 1;

-- errors, each leaving migrate_properties and the views as they were
CREATE TEMP TABLE before AS SELECT * FROM migrate_properties;
-- a cycle of eager relationships
SELECT migrate_relationship('mv.answers', 'voter', 'mv.voters', lazy => 'joined');
SELECT migrate_relationship('mv.voters', 'poll', 'mv.polls', lazy => 'joined');
-- several foreign keys: the candidates are listed
SELECT migrate_relationship('mv.voters', 'duels', 'mv.duels');
SELECT migrate_relationship('mv.voters', 'duels', 'mv.duels', foreign_key => 'nope');
-- no foreign key at all
SELECT migrate_relationship('mv.answers', 'tags', 'mv.tags');
-- bad expressions: the property and the position are named
SELECT migrate_column_property('mv.polls', 'bad',
	$$(SELECT count(*) FROM mv.voters WHERE voters.pol_id = polls.id)$$);
SELECT migrate_column_property('mv.polls', 'two', '1), (2');
SELECT migrate_column_property('mv.polls', 'question', '1');
SELECT migrate_relationship('mv.polls', 'sorted', 'mv.voters', lazy => 'joined',
	foreign_key => 'voters_poll_id_fkey', order_by => 'nme');
-- bad arguments
SELECT pg_temp.err($$SELECT migrate_relationship('mv.polls', 'x', 'mv.voters', lazy => 'eager')$$);
SELECT pg_temp.err($$SELECT migrate_relationship('mv.polls', 'x', 'mv.nothing')$$);
SELECT pg_temp.err($$SELECT migrate_relationship('mv.polls', 'x', 'public.migrate_models')$$);
SELECT pg_temp.err($$SELECT migrate_column_property(NULL, 'x', '1')$$);
SELECT pg_temp.err($$SELECT migrate_column_property('mv.polls', 'x', NULL)$$);
SELECT pg_temp.err($$SELECT migrate_column_property('a.b.c', 'x', '1')$$);
SELECT pg_temp.err($$SELECT migrate_property_drop('mv.polls', 'nothing')$$);
SELECT count(*) AS changed FROM (
	(SELECT relation, name, kind, definition FROM migrate_properties
	 EXCEPT SELECT relation, name, kind, definition FROM before)
	UNION ALL
	(SELECT relation, name, kind, definition FROM before
	 EXCEPT SELECT relation, name, kind, definition FROM migrate_properties)) d;
SELECT id, n_voters FROM mv.polls_mapped ORDER BY id;

-- the SQLSTATEs
SELECT pg_temp.err($$SELECT migrate_relationship('mv.voters', 'poll', 'mv.polls', lazy => 'joined')$$);
SELECT pg_temp.err($$SELECT migrate_relationship('mv.voters', 'duels', 'mv.duels')$$);
SELECT pg_temp.err($$SELECT migrate_relationship('mv.answers', 'tags', 'mv.tags')$$);
SELECT pg_temp.err($$SELECT migrate_column_property('mv.polls', 'bad', 'polls.nothing')$$);
SELECT pg_temp.err($$SELECT v.* FROM mv.polls_mapped p, mv.voters_raise(p) v$$);

-- foreign_key chooses; a one-to-one (uselist => false) gives one object
SELECT migrate_relationship('mv.voters', 'challenges', 'mv.duels', lazy => 'joined',
	foreign_key => 'duels_challenger_id_fkey');
SELECT migrate_relationship('mv.polls', 'first_voter', 'mv.voters', lazy => 'joined',
	uselist => false, order_by => 'id');
SELECT id, first_voter ->> 'name' AS first_voter,
       first_voter -> 'challenges' AS challenges FROM mv.polls_mapped ORDER BY id;

-- a schema change that makes a relationship ambiguous is reported, with
-- the relationship's name, at the next change of the schema's properties
ALTER TABLE mv.voters ADD COLUMN favourite_poll_id bigint
	CONSTRAINT voters_favourite_fkey REFERENCES mv.polls (id);
SELECT migrate_column_property('mv.polls', 'x', '1');
ALTER TABLE mv.voters DROP COLUMN favourite_poll_id;

-- a custom view name, then drops: the view goes with the last property
SELECT migrate_map('mv.tags', 'tag_list');
SELECT * FROM mv.tag_list ORDER BY id;
SELECT tags -> 0 ->> 'label' FROM mv.polls_mapped WHERE id = 1;
SELECT migrate_property_drop('mv.tags', 'tag_list');
SELECT to_regclass('mv.tag_list');
SELECT migrate_property_drop('mv.polls', 'voter_list');
SELECT to_regprocedure('mv.voter_list(mv.polls_mapped)'), to_regprocedure('mv.poll(mv.voters_mapped)');
SELECT relation, name FROM migrate_properties ORDER BY relation, name;
SELECT migrate_property_drop('mv.voters', 'answers');
SELECT migrate_property_drop('mv.voters', 'poll_none');
SELECT to_regclass('mv.voters_mapped');
SELECT voters -> 0 FROM mv.polls_mapped WHERE id = 2;

-- the caller's privileges: a role that does not own the mapped views cannot
-- rebuild them
CREATE ROLE mv_reader;
GRANT USAGE ON SCHEMA mv TO mv_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA mv TO mv_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON migrate_properties TO mv_reader;
GRANT SELECT ON migrate_models TO mv_reader;
SET ROLE mv_reader;
SELECT pg_temp.err($$SELECT migrate_column_property('mv.polls', 'x', '1')$$);
RESET ROLE;
REVOKE ALL ON migrate_properties FROM mv_reader;
REVOKE ALL ON migrate_models FROM mv_reader;
REVOKE ALL ON ALL TABLES IN SCHEMA mv FROM mv_reader;
REVOKE ALL ON SCHEMA mv FROM mv_reader;
DROP ROLE mv_reader;

-- unqualified names: resolved when one schema has the table
SELECT migrate_column_property('answers', 'loud', 'upper(answers.choice)');
SELECT id, loud FROM mv.answers_mapped ORDER BY id;

-- many-to-many of a table with itself: foreign_key names the relation's side
CREATE TABLE mv.people (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE mv.follows (
	follower int REFERENCES mv.people,
	followee int REFERENCES mv.people,
	PRIMARY KEY (follower, followee)
);
INSERT INTO mv.people VALUES (1, 'ann'), (2, 'bob'), (3, 'cy');
INSERT INTO mv.follows VALUES (1, 2), (1, 3), (2, 3);
SELECT migrate_relationship('mv.people', 'following', 'mv.people', secondary => 'mv.follows');
SELECT migrate_relationship('mv.people', 'following', 'mv.people', secondary => 'mv.follows',
	foreign_key => 'follows_follower_fkey');
SELECT migrate_relationship('mv.people', 'followers', 'mv.people', secondary => 'mv.follows',
	foreign_key => 'follows_followee_fkey');
SELECT p.name, f.name AS follows FROM mv.people_mapped p, mv.following(p) f ORDER BY 1, 2;
SELECT p.name, f.name AS followed_by FROM mv.people_mapped p, mv.followers(p) f ORDER BY 1, 2;
SELECT migrate_property_drop('mv.people', 'following');
SELECT migrate_property_drop('mv.people', 'followers');

-- a table dropped with its view keeps its properties until they are dropped
CREATE TABLE mv.gone (id int PRIMARY KEY, label text);
SELECT migrate_column_property('mv.gone', 'loud', 'upper(gone.label)');
SELECT migrate_column_property('mv.gone', 'quiet', 'lower(gone.label)');
DROP TABLE mv.gone CASCADE;
SELECT migrate_property_drop('mv.gone', 'loud');
SELECT migrate_property_drop('gone', 'quiet');
SELECT count(*) FROM migrate_properties WHERE relation = 'mv.gone';

-- clean up: dropping every property drops every view and function
SELECT migrate_property_drop(relation, name) FROM migrate_properties
 WHERE relation LIKE 'mv.%' AND kind <> 'map' ORDER BY relation, name;
SELECT count(*) FROM pg_class WHERE relnamespace = 'mv'::regnamespace AND relkind = 'v';
SELECT count(*) FROM pg_proc WHERE pronamespace = 'mv'::regnamespace;
DROP SCHEMA mv CASCADE;

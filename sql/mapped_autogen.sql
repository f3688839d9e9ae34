-- docs/mapped-views.md: properties are part of the model.  In a database of its
-- own (the revisions of one database are one history): a schema with a
-- model gets its mapped views through revisions; migrate_check() shows
-- them, migrate_revision() writes them, upgrade creates them, downgrade
-- removes them; a model change that breaks a property is caught, naming it.
\set VERBOSITY default
SELECT current_database() AS regress_db \gset
CREATE DATABASE regress_mapped_autogen;
\c regress_mapped_autogen
SET client_min_messages = notice;
CREATE EXTENSION pg_migrate;

-- the models as DDL, and the first revision
SELECT migrate_model_set($$
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL
);
CREATE TABLE voters (
	id bigserial PRIMARY KEY,
	poll_id bigint NOT NULL REFERENCES polls (id),
	name text NOT NULL
);
CREATE INDEX ix_voters_poll_id ON voters (poll_id);
$$) IS NOT NULL AS stored;
SELECT migrate_revision('create polls and voters', revision => 'a1');
SELECT revision, direction, message FROM migrate_upgrade('head');
INSERT INTO polls (question) VALUES ('Tea?'), ('Coffee?');
INSERT INTO voters (poll_id, name) VALUES (1, 'ann'), (1, 'bob');

-- properties of a modelled schema: nothing changes in the live schema,
-- migrate_model() and migrate_check() show the mapped views.  (Names of the
-- schema's own tables may be qualified: in the model they name the
-- model's tables.)
SELECT migrate_column_property('polls', 'n_voters',
	$$(SELECT coalesce(count(voters.id), 0) FROM public.voters WHERE voters.poll_id = polls.id)$$);
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined', backref => 'poll');
SELECT migrate_relationship('polls', 'voters', 'voters', lazy => 'joined');
SELECT migrate_relationship('voters', 'poll', 'polls');
SELECT to_regclass('polls_mapped') AS live_view;
SELECT jsonb_object_keys(migrate_model() -> 'schemas' -> 'public' -> 'views') AS model_views;
SELECT jsonb_object_keys(migrate_model() -> 'schemas' -> 'public' -> 'functions') AS model_functions;
SELECT step, action, object_type, object_name FROM migrate_check();

-- autogenerate writes them; upgrade creates them
SELECT migrate_revision('mapped views', revision => 'b2');
SELECT upgrade_sql, downgrade_sql FROM migrate_revisions WHERE revision = 'b2';
SELECT revision, direction, message FROM migrate_upgrade('head');
SELECT id, question, n_voters, voters FROM polls_mapped ORDER BY id;
SELECT v.name, p.question FROM voters_mapped v, poll(v) p ORDER BY v.id;
SELECT * FROM migrate_check();

-- downgrade removes them; upgrade again, and check is empty
SELECT revision, direction, message FROM migrate_downgrade('a1');
SELECT to_regclass('polls_mapped') AS live_view, to_regclass('voters_mapped') AS live_view2;
SELECT step, object_name FROM migrate_check();
SELECT revision, direction, message FROM migrate_upgrade('head');
SELECT * FROM migrate_check();

-- a property dropped: the revision drops its column from the view
SELECT migrate_property_drop('polls', 'n_voters');
SELECT step, action, object_type, object_name FROM migrate_check();
SELECT migrate_revision('drop n_voters', revision => 'c3');
SELECT revision, direction, message FROM migrate_upgrade('head');
SELECT attname FROM pg_attribute
 WHERE attrelid = 'polls_mapped'::regclass AND attnum > 0 ORDER BY attnum;
SELECT * FROM migrate_check();

-- a model change that breaks a property is caught, naming the property:
-- voters without poll_id leaves polls.voters without a foreign key
SELECT migrate_model_set($$
CREATE TABLE polls (
	id bigserial PRIMARY KEY,
	question text NOT NULL
);
CREATE TABLE voters (
	id bigserial PRIMARY KEY,
	name text NOT NULL
);
$$) IS NOT NULL AS stored;
SELECT migrate_revision('drop poll_id', revision => 'd4');
SELECT * FROM migrate_check();
SELECT revision FROM migrate_revisions ORDER BY created_at, revision;
-- and one that a column property reads (drops of a modelled schema are
-- not checked, so that broken properties can be dropped one by one)
SELECT migrate_property_drop('voters', 'poll');
SELECT migrate_property_drop('polls', 'voters');
SELECT migrate_column_property('polls', 'n_voters',
	$$(SELECT count(*) FROM voters WHERE voters.poll_id = polls.id)$$);

\c :regress_db
DROP DATABASE regress_mapped_autogen;

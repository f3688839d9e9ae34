-- docs/diff.md: each hazard is raised where it must be, and not on a
-- harmless step.  Source and target are two states of one schema; the
-- steps are computed and shown (test/roundtrip/ applies such steps).
CREATE SCHEMA hz;
CREATE TABLE hz.voters (id int PRIMARY KEY, poll_id int, name text);
CREATE TABLE hz.gone (id int);
CREATE TYPE hz.mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE hz.polls (id int PRIMARY KEY, title text, score int, note text, m hz.mood);
CREATE VIEW hz.poll_titles AS SELECT id, title FROM hz.polls;
CREATE TEMP TABLE hz_docs AS SELECT 'source'::text AS name, migrate_snapshot('{hz}') AS doc;

-- the target state
ALTER TABLE hz.polls ADD COLUMN created date;                    -- harmless
ALTER TABLE hz.polls DROP COLUMN note;                           -- data_loss
ALTER TABLE hz.polls ALTER COLUMN score SET NOT NULL;            -- blocking_lock
DROP VIEW hz.poll_titles;
ALTER TABLE hz.polls ALTER COLUMN title TYPE varchar(200);       -- table_rewrite
CREATE VIEW hz.poll_titles AS SELECT id, title FROM hz.polls;    -- breaks_dependents
CREATE INDEX voters_name ON hz.voters (name);                    -- blocking_lock
ALTER TABLE hz.voters ADD CONSTRAINT voters_poll FOREIGN KEY (poll_id)
	REFERENCES hz.polls (id);                                    -- blocking_lock
ALTER TABLE hz.voters ADD CONSTRAINT voters_name_nonempty
	CHECK (name <> '') NOT VALID;                                -- harmless
DROP TABLE hz.gone;                                              -- data_loss
ALTER TYPE hz.mood RENAME TO mood_old;
CREATE TYPE hz.mood AS ENUM ('sad', 'happy');                    -- data_loss
ALTER TABLE hz.polls ALTER COLUMN m TYPE hz.mood USING NULL;
DROP TYPE hz.mood_old;
INSERT INTO hz_docs SELECT 'target', migrate_snapshot('{hz}');

SELECT step, action, object_type, object_name, hazards
  FROM migrate_diff((SELECT doc FROM hz_docs WHERE name = 'source'),
					(SELECT doc FROM hz_docs WHERE name = 'target'))
 ORDER BY step;

-- the script, hazards as comments above their statement
SELECT migrate_diff_sql((SELECT doc FROM hz_docs WHERE name = 'source'),
						(SELECT doc FROM hz_docs WHERE name = 'target'));

-- and back: every step the other way
SELECT step, action, object_type, object_name, hazards
  FROM migrate_diff((SELECT doc FROM hz_docs WHERE name = 'target'),
					(SELECT doc FROM hz_docs WHERE name = 'source'))
 ORDER BY step;

DROP SCHEMA hz CASCADE;

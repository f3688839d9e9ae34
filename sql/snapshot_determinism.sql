-- docs/snapshot-format.md: one canonical document.  The same schema, built in two
-- different orders (so with other OIDs and other catalog row orders), and
-- once more under another name, gives the same document; the search_path
-- of the caller makes no difference.
CREATE SCHEMA det_shared;
CREATE TYPE det_shared.kind AS ENUM ('a', 'b');

-- order 1: types first, everything inline
CREATE SCHEMA det_one;
SET search_path = det_one;
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE DOMAIN qty AS int CHECK (VALUE >= 0);
CREATE FUNCTION double_it(q qty) RETURNS int LANGUAGE sql IMMUTABLE RETURN q * 2;
CREATE TABLE owners (id int PRIMARY KEY, name text UNIQUE);
CREATE TABLE things (
	id serial PRIMARY KEY,
	owner_id int REFERENCES owners (id),
	c color DEFAULT 'red',
	k det_shared.kind,
	q qty CHECK (double_it(q) < 100),
	label text
);
CREATE INDEX things_label ON things (lower(label));
CREATE INDEX things_owner ON things (owner_id);
CREATE VIEW thing_names AS SELECT t.id, o.name FROM things t JOIN owners o ON o.id = t.owner_id;
COMMENT ON TABLE things IS 'things';
GRANT SELECT ON thing_names TO PUBLIC;

-- order 2: the same schema, built backwards and piecewise
CREATE SCHEMA det_two;
SET search_path = det_two;
CREATE TYPE color AS ENUM ('red', 'blue');
ALTER TYPE color ADD VALUE 'green' BEFORE 'blue';
CREATE DOMAIN qty AS int;
ALTER DOMAIN qty ADD CONSTRAINT qty_check CHECK (VALUE >= 0);
CREATE TABLE owners (id int, name text);
CREATE FUNCTION double_it(q qty) RETURNS int LANGUAGE sql IMMUTABLE RETURN q * 2;
CREATE SEQUENCE things_id_seq AS integer;
CREATE TABLE things (
	id int NOT NULL DEFAULT nextval('things_id_seq'),
	owner_id int,
	c color DEFAULT 'red',
	k det_shared.kind,
	q qty,
	label text
);
ALTER SEQUENCE things_id_seq OWNED BY things.id;
CREATE INDEX things_owner ON things (owner_id);
CREATE INDEX things_label ON things (lower(label));
ALTER TABLE things ADD CONSTRAINT things_q_check CHECK (double_it(q) < 100);
ALTER TABLE owners ADD CONSTRAINT owners_name_key UNIQUE (name);
ALTER TABLE owners ADD CONSTRAINT owners_pkey PRIMARY KEY (id);
ALTER TABLE things ADD CONSTRAINT things_pkey PRIMARY KEY (id);
ALTER TABLE things ADD CONSTRAINT things_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES owners (id);
GRANT SELECT ON things TO PUBLIC;
CREATE VIEW thing_names AS SELECT t.id, o.name FROM things t JOIN owners o ON o.id = t.owner_id;
GRANT SELECT ON thing_names TO PUBLIC;
REVOKE SELECT ON things FROM PUBLIC;
COMMENT ON TABLE things IS 'things';

RESET search_path;

-- the two documents are the same, but for the schema's own name
SELECT (migrate_snapshot(ARRAY['det_one']) #> '{schemas,det_one}')
     = (migrate_snapshot(ARRAY['det_two']) #> '{schemas,det_two}') AS same_document;

-- if they were not, this shows where
SELECT a.key, a.value = b.value AS same
  FROM jsonb_each(migrate_snapshot(ARRAY['det_one']) #> '{schemas,det_one}') a
  FULL JOIN jsonb_each(migrate_snapshot(ARRAY['det_two']) #> '{schemas,det_two}') b
    ON a.key = b.key
 ORDER BY 1;

-- the same bytes every time, whatever the search_path
CREATE TEMP TABLE det_docs AS SELECT migrate_snapshot()::text AS doc;
SET search_path = det_two, det_one, public;
SELECT md5(migrate_snapshot()::text) = (SELECT md5(doc) FROM det_docs) AS same_bytes;
RESET search_path;

-- renaming a schema changes only its name
CREATE TEMP TABLE det_before AS
	SELECT migrate_snapshot(ARRAY['det_one']) #> '{schemas,det_one}' AS doc;
ALTER SCHEMA det_one RENAME TO det_renamed;
SELECT (SELECT doc FROM det_before)
     = (migrate_snapshot(ARRAY['det_renamed']) #> '{schemas,det_renamed}') AS same_after_rename;

-- references to another schema are qualified, to the own schema not
SELECT jsonb_pretty(migrate_snapshot(ARRAY['det_two']) #> '{schemas,det_two,tables,things,columns}');

DROP SCHEMA det_renamed, det_two, det_shared CASCADE;

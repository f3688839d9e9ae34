-- Every document that enters from outside passes one strict reader
-- (src/docread.c): a bad value is refused with 22023 naming its JSON path
-- and the value, before anything is built from it.  One case per kind of
-- document that crashed the backend or gave an internal error (XX000)
-- before, through each function that takes a document.
\set VERBOSITY terse
SET client_min_messages = warning;

-- SQLSTATE and message of a statement, or 'ok'
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE q;
	RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
	RETURN SQLSTATE || ': ' || SQLERRM;
END
$$;

-- a document with one schema "public" whose body is given
CREATE FUNCTION pg_temp.doc(body text) RETURNS text LANGUAGE sql AS $$
SELECT '{"format": 1, "scope": ["public"], "schemas": {"public": ' || body || '}}'
$$;

CREATE TABLE pg_temp.cases (n serial, label text, body text);
INSERT INTO pg_temp.cases (label, body) VALUES
('column type missing',
 '{"tables": {"t": {"columns": [{"name": "a"}]}}}'),
('column type not a string',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}, {"name": "b", "type": 7}]}}}'),
('column type that is not a type name',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer DEFAULT 5"}]}}}'),
('enum label not a string',
 '{"types": {"e": {"kind": "enum", "labels": ["a", 1]}}}'),
('index without definition',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], "indexes": {"i": {"method": "btree"}}}}}'),
('index definition not a string',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], "indexes": {"i": {"definition": ["CREATE INDEX i ON t (a)"]}}}}}'),
('index definition of another index',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], "indexes": {"i": {"definition": "CREATE INDEX j ON t USING btree (a)"}}}}}'),
('view without definition',
 '{"views": {"v": {"columns": [{"name": "a", "type": "integer"}]}}}'),
('materialized view without definition',
 '{"materialized_views": {"m": {"populated": true}}}'),
('view definition of two statements',
 '{"views": {"v": {"definition": "SELECT 1; DROP TABLE t"}}}'),
('type of an unknown kind',
 '{"types": {"x": {"kind": "blob"}}}'),
('sequence increment holding SQL',
 '{"sequences": {"s": {"type": "bigint", "start": 1, "increment": "1; DROP TABLE t; --", "min": 1, "max": 100, "cache": 1}}}'),
('sequence start not an integer',
 '{"sequences": {"s": {"type": "bigint", "start": 1.5, "increment": 1, "min": 1, "max": 100, "cache": 1}}}'),
('column default of two expressions',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer", "default": "1) ; DROP TABLE t; --"}]}}}'),
('check constraint of another type',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], "constraints": {"c": {"type": "check", "definition": "PRIMARY KEY (a)"}}}}}'),
('function result with more clauses',
 '{"functions": {"f(integer)": {"kind": "function", "arguments": "a integer", "result": "integer LANGUAGE c", "language": "sql", "source": "select 1"}}}'),
('function key with more than arguments',
 '{"functions": {"f(integer) CASCADE": {"kind": "function", "arguments": "a integer", "result": "integer", "language": "sql", "source": "select 1"}}}'),
('grantee holding SQL',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], "privileges": {"x; DROP TABLE t": ["SELECT"]}}}}'),
('unknown key',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer", "colour": "red"}]}}}'),
('duplicate column name',
 '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}, {"name": "a", "type": "text"}]}}}'),
('unknown kind in depends_on',
 '{"tables": {"t": {"depends_on": ["widget w"]}}}'),
('tables section that is an array',
 '{"tables": [{"name": "t"}]}');

-- each through migrate_diff (as source and as target), migrate_diff_sql
-- and migrate_model_import: the same 22023 and message every time
SELECT n, label, pg_temp.try(format('SELECT * FROM migrate_diff(%L, %L)',
									pg_temp.doc(body), pg_temp.doc('{}'))) AS diff_source
  FROM pg_temp.cases ORDER BY n;
SELECT n, label FROM pg_temp.cases
 WHERE pg_temp.try(format('SELECT * FROM migrate_diff(%L, %L)', pg_temp.doc('{}'), pg_temp.doc(body)))
	   IS DISTINCT FROM replace(pg_temp.try(format('SELECT * FROM migrate_diff(%L, %L)',
												   pg_temp.doc(body), pg_temp.doc('{}'))),
								'"source"', '"target"')
 ORDER BY n;
SELECT n, label FROM pg_temp.cases
 WHERE pg_temp.try(format('SELECT migrate_diff_sql(%L, %L)', pg_temp.doc(body), pg_temp.doc('{}')))
	   IS DISTINCT FROM pg_temp.try(format('SELECT * FROM migrate_diff(%L, %L)',
										   pg_temp.doc(body), pg_temp.doc('{}')))
 ORDER BY n;
SELECT n, label, pg_temp.try(format('SELECT migrate_model_import(%L)', pg_temp.doc(body))) AS import
  FROM pg_temp.cases WHERE n IN (1, 4, 5, 12) ORDER BY n;
SELECT count(*) AS models_stored FROM migrate_models;
-- the functions of renames read a model document too (found by the fuzzer:
-- they took any document)
SELECT n, label, pg_temp.try(format('SELECT * FROM migrate_rename_steps(%L)', pg_temp.doc(body))) AS rename_steps
  FROM pg_temp.cases WHERE n IN (2, 11, 22) ORDER BY n;
SELECT n, label, pg_temp.try(format('SELECT migrate_renamed_snapshot(%L)', pg_temp.doc(body))) AS renamed_snapshot
  FROM pg_temp.cases WHERE n IN (4, 12) ORDER BY n;

-- the top of the document
SELECT pg_temp.try($$SELECT * FROM migrate_diff('{"format": 1, "scope": "all", "schemas": {"public": []}}', '{"format": 1, "scope": "all", "schemas": {}}')$$);
SELECT pg_temp.try($$SELECT * FROM migrate_diff('{"format": 1, "scope": "all", "schemas": {"": {}}}', '{"format": 1, "scope": "all", "schemas": {}}')$$);
SELECT pg_temp.try($$SELECT migrate_model_import('{"format": 1, "scope": [""], "schemas": {"": {}}}')$$);
SELECT pg_temp.try($$SELECT * FROM migrate_diff('{"format": 1, "scope": "all", "schemas": {"pg_catalog": {}}}', '{"format": 1, "scope": "all", "schemas": {}}')$$);
SELECT pg_temp.try($$SELECT * FROM migrate_diff('{"format": 1, "scope": "all", "schemas": {}, "extensions": {"pg_migrate": {}}}', '{"format": 1, "scope": "all", "schemas": {}}')$$);
SELECT pg_temp.try($$SELECT * FROM migrate_diff('{"format": 1, "scope": "all", "schemas": {}, "colour": "red"}', '{"format": 1, "scope": "all", "schemas": {}}')$$);

-- a stored model changed behind pg_migrate's back is read by the same
-- reader: migrate_model() and migrate_check() refuse it, and crash no more
CREATE SCHEMA docval;
CREATE TABLE docval.t (a integer);
SELECT migrate_model_capture('{docval}');
UPDATE migrate_models
   SET model = jsonb_set(model, '{schemas,docval,tables,t,indexes}',
						 '{"i": {"method": "btree"}}')
 WHERE schema_name = 'docval';
SELECT pg_temp.try('SELECT * FROM migrate_check(''{docval}'')');
SELECT pg_temp.try('SELECT migrate_model(''{docval}'')');
UPDATE migrate_models
   SET model = jsonb_set(model, '{schemas,docval,tables,t,columns,0,type}', '7')
 WHERE schema_name = 'docval';
SELECT pg_temp.try('SELECT * FROM migrate_check(''{docval}'')');
SELECT migrate_model_drop('docval');
DROP SCHEMA docval CASCADE;

-- the snapshot of a real schema passes the reader: diff with itself is empty
CREATE SCHEMA docval2;
CREATE TYPE docval2.mood AS ENUM ('sad', 'ok');
CREATE SEQUENCE docval2.s INCREMENT 5;
CREATE TABLE docval2.t (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
						m docval2.mood DEFAULT 'ok', n bigint DEFAULT nextval('docval2.s'),
						CHECK (n > 0));
CREATE INDEX ON docval2.t ((n + 1)) WHERE n > 10;
CREATE VIEW docval2.v AS SELECT id, m FROM docval2.t;
CREATE FUNCTION docval2.f(a integer, b text DEFAULT 'x') RETURNS integer
	LANGUAGE sql RETURN a + length(b);
SELECT count(*) FROM migrate_diff(migrate_snapshot('{docval2}'), migrate_snapshot('{docval2}'));
DROP SCHEMA docval2 CASCADE;

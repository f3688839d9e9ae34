-- docs/snapshot-format.md: the scope of a snapshot, and bad input.
CREATE SCHEMA scope_a;
CREATE SCHEMA scope_b;
CREATE TABLE scope_a.t (id int);
CREATE TABLE scope_b.t (id int);

-- the scope is recorded: "all", or the schemas asked for, sorted
SELECT migrate_snapshot() -> 'scope' AS scope_all;
SELECT migrate_snapshot(ARRAY['scope_b', 'scope_a', 'scope_b']) -> 'scope' AS scope_named;
SELECT jsonb_object_keys(migrate_snapshot(ARRAY['scope_b']) -> 'schemas');
SELECT migrate_snapshot(ARRAY[]::name[]) AS empty_scope;

-- every user schema, and no system schema
SELECT jsonb_object_keys(migrate_snapshot() -> 'schemas') ORDER BY 1;

-- bad input names the offending value
SELECT migrate_snapshot(ARRAY['scope_a', 'no_such_schema']);
SELECT migrate_snapshot(ARRAY['scope_a', NULL]);
SELECT migrate_snapshot(ARRAY['pg_catalog']);
SELECT migrate_snapshot(ARRAY['information_schema']);

-- objects of extensions never appear; the extension is listed
CREATE EXTENSION hstore SCHEMA scope_a;
CREATE TABLE scope_a.h (h scope_a.hstore);
SELECT jsonb_pretty(migrate_snapshot(ARRAY['scope_a']));
-- pg_migrate's own tables never appear, wherever it is installed
SELECT migrate_snapshot()::text LIKE '%migrate_%' AS has_own_objects;

DROP SCHEMA scope_a, scope_b CASCADE;

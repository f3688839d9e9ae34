-- pgTAP: migrate_snapshot() on bad input, its scope and format keys, and what
-- it never shows (docs/objects.md,
-- docs/snapshot-format.md, docs/safety.md): the extension's own tables and
-- the objects of any other extension (hstore, pg_trgm, pgtap itself), while
-- those extensions are listed under "extensions" with their version.
-- Self-contained: everything happens in one transaction that is rolled back.
\set ON_ERROR_STOP 1
\pset format unaligned
\pset tuples_only true
\pset pager off

BEGIN;
SET LOCAL client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS pg_migrate;
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Call the extension's functions unqualified, wherever it was installed.
SELECT n.nspname AS ext_schema,
       set_config('search_path',
                  format('%I, %s', n.nspname, current_setting('search_path')),
                  true) AS search_path
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'pg_migrate' \gset

-- User objects: two schemas, and objects that use another extension's type.
CREATE SCHEMA pgtap_b;
CREATE SCHEMA pgtap_a;
CREATE TABLE public.pgtap_kv (id int PRIMARY KEY, attrs public.hstore);
CREATE FUNCTION public.pgtap_uses_hstore(x int, h public.hstore) RETURNS int
    LANGUAGE sql AS 'SELECT 1';

-- The object keys of a snapshot: one row per schema, kind and object name.
CREATE FUNCTION pg_temp.snapshot_keys(doc jsonb)
RETURNS TABLE (schema_name text, kind text, key text) LANGUAGE sql AS $$
    SELECT s.key, k.key, o.key
      FROM jsonb_each(doc -> 'schemas') AS s,
           jsonb_each(s.value) AS k,
           jsonb_object_keys(CASE jsonb_typeof(k.value)
                                  WHEN 'object' THEN k.value END) AS o(key)
$$;

-- Functions, types and relations that belong to any extension, by name.
CREATE TEMP VIEW extension_object_names AS
SELECT e.extname, 'function' AS kind, p.proname::text AS name
  FROM pg_extension e
  JOIN pg_depend d ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
                  AND d.deptype = 'e' AND d.classid = 'pg_proc'::regclass
  JOIN pg_proc p ON p.oid = d.objid
UNION ALL
SELECT e.extname, 'type', t.typname::text
  FROM pg_extension e
  JOIN pg_depend d ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
                  AND d.deptype = 'e' AND d.classid = 'pg_type'::regclass
  JOIN pg_type t ON t.oid = d.objid
UNION ALL
SELECT e.extname, 'relation', c.relname::text
  FROM pg_extension e
  JOIN pg_depend d ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = e.oid
                  AND d.deptype = 'e' AND d.classid = 'pg_class'::regclass
  JOIN pg_class c ON c.oid = d.objid;

SELECT plan(24);

-- 1. Bad input (7).
SELECT throws_ok($$SELECT migrate_snapshot(ARRAY['no_such_schema'])$$, '3F000', NULL,
                 'an unknown schema raises invalid_schema_name (3F000)');
SELECT throws_like($$SELECT migrate_snapshot(ARRAY['no_such_schema'])$$, '%no_such_schema%',
                   'the message names the unknown schema');
SELECT throws_ok($$SELECT migrate_snapshot(ARRAY['public', 'no_such_schema'])$$, '3F000', NULL,
                 'an unknown schema among known ones raises 3F000');
SELECT throws_ok($$SELECT migrate_snapshot(ARRAY[NULL]::name[])$$, '22004', NULL,
                 'a NULL schema name raises null_value_not_allowed (22004)');
SELECT throws_ok($$SELECT migrate_snapshot(ARRAY['public', NULL])$$, '22004', NULL,
                 'a NULL among the schema names raises 22004');
SELECT throws_ok($$SELECT migrate_snapshot(ARRAY['pg_catalog'])$$, '22023', NULL,
                 'pg_catalog raises invalid_parameter_value (22023)');
SELECT throws_like($$SELECT migrate_snapshot(ARRAY['pg_catalog'])$$, '%pg\_catalog%',
                   'the message names pg_catalog');

-- 2. Format and scope (6).
SELECT is(migrate_snapshot() -> 'format', '1'::jsonb, 'the document has "format": 1');
SELECT is(migrate_snapshot(NULL) -> 'scope', '"all"'::jsonb, 'NULL gives "scope": "all"');
SELECT is(migrate_snapshot(), migrate_snapshot(NULL), 'the default is NULL (every schema)');
SELECT is(migrate_snapshot(ARRAY['pgtap_b', 'pgtap_a']) -> 'scope', '["pgtap_a", "pgtap_b"]'::jsonb,
          'a list gives "scope": the schemas asked for, sorted');
SELECT is(migrate_snapshot(ARRAY['pgtap_b', 'pgtap_a']) -> 'format', '1'::jsonb,
          'a document of some schemas has "format": 1 too');
SELECT is((SELECT array_agg(k ORDER BY k)
             FROM jsonb_object_keys(migrate_snapshot(ARRAY['pgtap_b', 'pgtap_a']) -> 'schemas') k),
          ARRAY['pgtap_a', 'pgtap_b'], 'a document of some schemas holds those schemas');

-- 3. The extension's own objects never appear (3).
SELECT ok(migrate_snapshot()::text NOT LIKE '%migrate\_version%',
          'migrate_version is not in the snapshot of every schema');
SELECT ok(migrate_snapshot()::text NOT LIKE '%migrate\_%',
          'no object of pg_migrate (migrate_*) is in the snapshot of every schema');
SELECT ok(migrate_snapshot(ARRAY[:'ext_schema']::name[])::text NOT LIKE '%migrate\_%',
          'no object of pg_migrate is in the snapshot of the extension''s own schema');

-- 4. Other extensions: listed with their version, their objects never (8).
SELECT is(migrate_snapshot() -> 'extensions' -> 'hstore' ->> 'version',
          (SELECT extversion FROM pg_extension WHERE extname = 'hstore'),
          'hstore is listed under "extensions" with its version');
SELECT is(migrate_snapshot() -> 'extensions' -> 'pg_trgm' ->> 'version',
          (SELECT extversion FROM pg_extension WHERE extname = 'pg_trgm'),
          'pg_trgm is listed under "extensions" with its version');
SELECT is(migrate_snapshot(ARRAY['public']) -> 'extensions' -> 'hstore' ->> 'version',
          (SELECT extversion FROM pg_extension WHERE extname = 'hstore'),
          'a document of public lists hstore (installed in public) with its version');
-- Positive controls: the user's own objects are there, under the keys that
-- the checks below look at.
SELECT ok(EXISTS (SELECT FROM pg_temp.snapshot_keys(migrate_snapshot())
                   WHERE schema_name = 'public' AND kind = 'functions'
                     AND key LIKE 'pgtap\_uses\_hstore(%'),
          'a user function taking hstore is in the snapshot');
SELECT ok(EXISTS (SELECT FROM pg_temp.snapshot_keys(migrate_snapshot())
                   WHERE schema_name = 'public' AND kind = 'tables' AND key = 'pgtap_kv'),
          'a user table with an hstore column is in the snapshot');
SELECT is_empty($$
    SELECT x.extname || ': ' || x.kind || ' ' || x.name || ' as ' || k.kind || '.' || k.key
      FROM extension_object_names x
      JOIN pg_temp.snapshot_keys(migrate_snapshot()) k
        ON k.key = x.name OR (x.kind = 'function' AND split_part(k.key, '(', 1) = x.name)
$$, 'no function, type or relation of any extension is in the snapshot of every schema');
SELECT is_empty($$
    SELECT x.extname || ': ' || x.kind || ' ' || x.name || ' as ' || k.kind || '.' || k.key
      FROM extension_object_names x
      JOIN pg_temp.snapshot_keys(migrate_snapshot(ARRAY['public'])) k
        ON k.key = x.name OR (x.kind = 'function' AND split_part(k.key, '(', 1) = x.name)
$$, 'no function, type or relation of any extension is in the snapshot of public');
SELECT ok(migrate_snapshot()::text NOT LIKE '%hstore\_in%'
          AND migrate_snapshot()::text NOT LIKE '%show\_trgm%'
          AND migrate_snapshot()::text NOT LIKE '%gtrgm%',
          'known members of hstore and pg_trgm (hstore_in, show_trgm, gtrgm) appear nowhere');

SELECT * FROM finish();
ROLLBACK;

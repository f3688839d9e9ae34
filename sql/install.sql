-- docs/objects.md: the extension and its tables.
CREATE EXTENSION pg_migrate;

SELECT c.relname, c.relkind
  FROM pg_class c JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'pg_migrate')
 ORDER BY 1;

-- the version table has Alembic's layout
SELECT attname, format_type(atttypid, atttypmod), attnotnull
  FROM pg_attribute WHERE attrelid = 'migrate_version'::regclass AND attnum > 0
 ORDER BY attnum;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'migrate_version'::regclass;

-- every table keeps its rows through pg_dump
SELECT extconfig::regclass[] FROM pg_extension WHERE extname = 'pg_migrate';

-- a snapshot of an empty database: only public, and plpgsql
SELECT jsonb_pretty(migrate_snapshot());

-- docs/snapshot-format.md: tables (persistence, partitioning, inheritance, typed
-- tables, RLS, reloptions, replica identity, comment, privileges).
CREATE SCHEMA snap_tables;
SET search_path = snap_tables;
CREATE ROLE snap_reader;

CREATE TABLE plain (id int NOT NULL, note text);
CREATE UNLOGGED TABLE scratch (id int) WITH (fillfactor = 70, autovacuum_enabled = false);
COMMENT ON TABLE plain IS 'a plain table';
GRANT SELECT, INSERT ON plain TO snap_reader;
GRANT UPDATE ON plain TO snap_reader WITH GRANT OPTION;
GRANT SELECT ON plain TO PUBLIC;
ALTER TABLE plain ENABLE ROW LEVEL SECURITY;
ALTER TABLE plain FORCE ROW LEVEL SECURITY;
CREATE UNIQUE INDEX plain_id ON plain (id);
ALTER TABLE plain REPLICA IDENTITY USING INDEX plain_id;

-- declarative partitioning, two levels
CREATE TABLE measures (at date NOT NULL, city int, v numeric) PARTITION BY RANGE (at);
CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
  PARTITION BY LIST (city);
CREATE TABLE measures_2025_1 PARTITION OF measures_2025 FOR VALUES IN (1);
CREATE TABLE measures_rest PARTITION OF measures DEFAULT;

-- inheritance: inherited columns stay inherited
CREATE TABLE base (id int, created timestamptz DEFAULT now());
CREATE TABLE derived (extra text) INHERITS (base);
CREATE TABLE derived2 (id int, more text) INHERITS (base);

-- typed table
CREATE TYPE pair AS (a int, b int);
CREATE TABLE pairs OF pair;

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_tables']) #> '{schemas,snap_tables,tables}');

RESET search_path;
DROP SCHEMA snap_tables CASCADE;
DROP ROLE snap_reader;

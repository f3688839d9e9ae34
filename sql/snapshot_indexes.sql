-- docs/snapshot-format.md: indexes (the full definition incl. expression, partial,
-- INCLUDE, opclass, method, options; partitioned indexes).
CREATE SCHEMA snap_idx;
SET search_path = snap_idx;

CREATE TABLE docs (id int PRIMARY KEY, title text, body text, tags text[], at timestamptz);
CREATE INDEX docs_title_lower ON docs (lower(title) text_pattern_ops);
CREATE UNIQUE INDEX docs_title_key ON docs (title) INCLUDE (id, at) WHERE title IS NOT NULL;
CREATE INDEX docs_tags ON docs USING gin (tags);
CREATE INDEX docs_at_desc ON docs (at DESC NULLS LAST, id) WITH (fillfactor = 50);
CREATE INDEX docs_body_hash ON docs USING hash (body);
CREATE INDEX docs_title_c ON docs (title COLLATE "C");
COMMENT ON INDEX docs_tags IS 'for tag search';

-- a partitioned index and its partitions' indexes
CREATE TABLE events (at date, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX events_kind ON events (kind);

SELECT t.key AS table_name, jsonb_pretty(t.value -> 'indexes')
  FROM jsonb_each(public.migrate_snapshot(ARRAY['snap_idx']) #> '{schemas,snap_idx,tables}') t
 ORDER BY 1;

RESET search_path;
DROP SCHEMA snap_idx CASCADE;

-- Everything in the database's default tablespace, but one table and its
-- index (test/lib/corpus_tablespaces.sql makes rt_space1 and rt_space2).
CREATE TABLE moved (id int PRIMARY KEY, note text);
CREATE INDEX moved_note ON moved (note) WHERE note IS NOT NULL;
CREATE TABLE stays (id int) TABLESPACE rt_space1;
CREATE INDEX stays_id ON stays (id) TABLESPACE rt_space1;
CREATE MATERIALIZED VIEW mv AS SELECT id FROM moved;
CREATE INDEX mv_id ON mv (id);
CREATE TABLE parted (at date, v int) PARTITION BY RANGE (at);
CREATE TABLE parted_2025 PARTITION OF parted FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX parted_v ON parted (v);
CREATE TABLE keyed (id int PRIMARY KEY, code text UNIQUE USING INDEX TABLESPACE rt_space1);

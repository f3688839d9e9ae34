-- The tablespace of tables, partitioned tables, partitions, indexes (a
-- partial one, a partitioned one) and a materialized view changes; new
-- partitions follow their parent's tablespace or are told otherwise.
CREATE TABLE moved (id int PRIMARY KEY, note text) TABLESPACE rt_space1;
CREATE INDEX moved_note ON moved (note) TABLESPACE rt_space2 WHERE note IS NOT NULL;
CREATE TABLE stays (id int) TABLESPACE rt_space2;
CREATE INDEX stays_id ON stays (id);
CREATE MATERIALIZED VIEW mv TABLESPACE rt_space2 AS SELECT id FROM moved;
CREATE INDEX mv_id ON mv (id) TABLESPACE rt_space1;
CREATE TABLE parted (at date, v int) PARTITION BY RANGE (at) TABLESPACE rt_space1;
CREATE TABLE parted_2025 PARTITION OF parted FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE parted_2026 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE parted_2027 PARTITION OF parted FOR VALUES FROM ('2027-01-01') TO ('2028-01-01') TABLESPACE pg_default;
CREATE INDEX parted_v ON parted (v) TABLESPACE rt_space2;
CREATE TABLE keyed (id int PRIMARY KEY USING INDEX TABLESPACE rt_space2, code text UNIQUE);

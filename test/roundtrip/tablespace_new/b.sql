-- Objects created in (and dropped from) tablespaces other than the
-- database's default: the create statements say where.
CREATE TABLE t (id int PRIMARY KEY, note text) WITH (fillfactor = 70) TABLESPACE rt_space1;
CREATE INDEX t_note ON t (note) WITH (fillfactor = 60) TABLESPACE rt_space2 WHERE note <> '';
CREATE UNLOGGED TABLE u (id int) TABLESPACE rt_space2;
CREATE MATERIALIZED VIEW mv WITH (fillfactor = 50) TABLESPACE rt_space1 AS SELECT id FROM t WITH NO DATA;
CREATE TABLE parted (at date, v int) PARTITION BY LIST (v) TABLESPACE rt_space2;
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES IN (1);
CREATE TABLE parted_2 PARTITION OF parted FOR VALUES IN (2) TABLESPACE rt_space1;
CREATE TABLE parted_3 PARTITION OF parted FOR VALUES IN (3) TABLESPACE pg_default;
CREATE INDEX parted_at ON parted (at) TABLESPACE rt_space1;
CREATE TABLE keyed (
    id int PRIMARY KEY USING INDEX TABLESPACE rt_space2,
    code text UNIQUE WITH (fillfactor = 90) USING INDEX TABLESPACE rt_space1 DEFERRABLE INITIALLY DEFERRED,
    during tsrange,
    EXCLUDE USING gist (during WITH &&) USING INDEX TABLESPACE rt_space1 WHERE (id > 0)
);

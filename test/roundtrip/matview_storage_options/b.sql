CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE MATERIALIZED VIEW m WITH (fillfactor=60) AS SELECT id FROM t;

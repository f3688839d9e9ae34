CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v1 AS SELECT id, a, b FROM t;
CREATE VIEW v2 AS SELECT id, b FROM v1;

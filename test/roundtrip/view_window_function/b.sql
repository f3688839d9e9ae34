CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v AS SELECT id, row_number() OVER (PARTITION BY b ORDER BY a DESC) AS rn FROM t;

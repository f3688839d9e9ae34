CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v AS WITH big AS (SELECT id, a FROM t WHERE a > 100) SELECT id FROM big;

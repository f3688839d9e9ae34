CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v AS SELECT id FROM t UNION ALL SELECT x FROM (VALUES (1), (2)) AS vals(x);

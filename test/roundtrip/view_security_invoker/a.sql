CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v AS SELECT id FROM t;

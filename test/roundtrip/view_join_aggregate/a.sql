CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE u (id integer PRIMARY KEY, t_id integer);
CREATE VIEW v AS SELECT t.id FROM t;

CREATE TABLE t (id integer PRIMARY KEY, c1 integer, c2 text);
GRANT SELECT, UPDATE ON t TO rt_writer;
GRANT SELECT (c1), UPDATE (c2) ON t TO rt_writer;

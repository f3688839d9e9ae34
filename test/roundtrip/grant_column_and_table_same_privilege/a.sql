CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT SELECT (a) ON t TO rt_reader;

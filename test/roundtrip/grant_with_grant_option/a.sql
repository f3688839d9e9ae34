CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT SELECT ON t TO rt_reader;

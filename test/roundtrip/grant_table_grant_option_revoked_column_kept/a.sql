CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT SELECT ON t TO rt_reader WITH GRANT OPTION;
GRANT SELECT (a) ON t TO rt_reader WITH GRANT OPTION;

CREATE TABLE t (id int, v text);
GRANT SELECT (v) ON t TO rt_reader WITH GRANT OPTION;

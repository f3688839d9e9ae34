CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;

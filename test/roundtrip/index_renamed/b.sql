CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE INDEX t_a_new ON t (a);

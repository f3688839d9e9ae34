CREATE TABLE t (id integer PRIMARY KEY, a integer);
CREATE UNIQUE INDEX t_a_key ON t (a);

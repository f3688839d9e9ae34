CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE INDEX t_a ON t (a);

CREATE TABLE t (id integer PRIMARY KEY, a integer, b text, CONSTRAINT t_a_key UNIQUE (a));

CREATE TABLE t (id integer PRIMARY KEY, a integer, b integer, CONSTRAINT t_u UNIQUE (a, b));

CREATE TABLE t (id integer PRIMARY KEY, a integer, b integer, CONSTRAINT t_ab CHECK (a < b));

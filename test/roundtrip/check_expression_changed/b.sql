CREATE TABLE t (id integer PRIMARY KEY, a integer, CONSTRAINT t_a_check CHECK (a >= 0 AND a < 100));

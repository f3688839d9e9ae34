CREATE TABLE t (id integer PRIMARY KEY, s text CONSTRAINT t_s CHECK (s IN ('a', 'b', 'c')));

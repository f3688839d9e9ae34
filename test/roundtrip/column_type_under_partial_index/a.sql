CREATE TABLE t (id integer PRIMARY KEY, n integer);
CREATE INDEX t_n_pos ON t (n) WHERE n > 0;

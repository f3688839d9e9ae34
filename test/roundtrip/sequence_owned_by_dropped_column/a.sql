CREATE TABLE t (id int, n int);
CREATE SEQUENCE t_n_seq OWNED BY t.n;

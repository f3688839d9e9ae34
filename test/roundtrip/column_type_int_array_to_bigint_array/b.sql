CREATE TABLE t (id int, ns bigint[]);

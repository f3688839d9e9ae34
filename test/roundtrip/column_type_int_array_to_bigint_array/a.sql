CREATE TABLE t (id int, ns int[]);

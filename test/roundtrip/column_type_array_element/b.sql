CREATE TABLE t (id integer PRIMARY KEY, tags bigint[]);

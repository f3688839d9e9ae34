CREATE TABLE t (id integer PRIMARY KEY, n numeric(5,0));

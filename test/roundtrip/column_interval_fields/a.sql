CREATE TABLE t (id integer PRIMARY KEY, i interval);

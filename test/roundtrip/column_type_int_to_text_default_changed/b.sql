CREATE TABLE t (id integer PRIMARY KEY, v text DEFAULT '0');

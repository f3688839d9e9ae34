CREATE TABLE t (id integer PRIMARY KEY, flag integer DEFAULT 0);

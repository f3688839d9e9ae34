CREATE TABLE t (id integer PRIMARY KEY, code varchar(8) UNIQUE);

CREATE TABLE t (id integer PRIMARY KEY, cc char(2));

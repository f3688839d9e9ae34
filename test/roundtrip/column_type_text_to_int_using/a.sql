CREATE TABLE t (id int, n text);

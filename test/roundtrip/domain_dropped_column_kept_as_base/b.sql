CREATE TABLE t (id int, c varchar(8));

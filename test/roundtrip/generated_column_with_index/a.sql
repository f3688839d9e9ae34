CREATE TABLE t (id int, email text);

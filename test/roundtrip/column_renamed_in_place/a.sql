CREATE TABLE t (id int, nme text, age int);

CREATE TABLE t (id int, first text, last text);

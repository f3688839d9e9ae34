CREATE TABLE t (id int, body text);

CREATE TABLE t (id int, ok boolean);
CREATE VIEW good AS SELECT id, ok FROM t WHERE ok;

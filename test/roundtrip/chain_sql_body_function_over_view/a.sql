CREATE TABLE t (id int, n int);
CREATE VIEW big AS SELECT id FROM t WHERE n > 10;

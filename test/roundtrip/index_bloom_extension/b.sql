CREATE EXTENSION bloom;
CREATE TABLE t (a int, b int, c int);
CREATE INDEX t_bloom ON t USING bloom (a, b, c) WITH (length = 80, col1 = 2);

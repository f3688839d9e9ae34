CREATE EXTENSION bloom;
CREATE TABLE t (a int, b int, c int);

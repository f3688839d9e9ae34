CREATE TABLE t (id int, a int, b int GENERATED ALWAYS AS (a * 2) STORED);

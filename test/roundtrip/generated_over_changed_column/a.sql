CREATE TABLE t (id int, a int, b bigint GENERATED ALWAYS AS (a * 2) STORED);

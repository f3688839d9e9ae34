-- The column a generated column reads changes type (family 10 of issue 14).
CREATE TABLE t (id int, a bigint, b bigint GENERATED ALWAYS AS (a * 2) STORED);

-- A generated column becomes a plain column (family 3 of issue 14 in its simplest form).
CREATE TABLE t (id int, a int, b int);

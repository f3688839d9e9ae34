CREATE TABLE t (a int, at timestamptz);

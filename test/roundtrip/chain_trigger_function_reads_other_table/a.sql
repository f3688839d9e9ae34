CREATE TABLE audit (at timestamptz, what text);
CREATE TABLE t (id int);

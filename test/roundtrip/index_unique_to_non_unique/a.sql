CREATE TABLE t (id int, code text);
CREATE UNIQUE INDEX t_code_idx ON t (code);

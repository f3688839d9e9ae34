CREATE TABLE t (id int, code text);
CREATE INDEX t_code_idx ON t (code);

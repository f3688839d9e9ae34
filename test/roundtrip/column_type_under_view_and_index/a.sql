CREATE TABLE t (id int, code varchar(5));
CREATE INDEX t_code_idx ON t (code);
CREATE VIEW tv AS SELECT code FROM t;

CREATE TABLE t (id int, ok boolean);
CREATE VIEW good WITH (security_barrier) AS SELECT id, ok FROM t WHERE ok WITH CASCADED CHECK OPTION;

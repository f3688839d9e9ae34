-- A SQL-standard function body (BEGIN ATOMIC) reading a view: a real dependency.
CREATE TABLE t (id int, n int);
CREATE VIEW big AS SELECT id FROM t WHERE n > 10;
CREATE FUNCTION count_big() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM big; END;

-- A matview over a view whose base column changes type.
CREATE TABLE t (id int, v varchar(40));
CREATE VIEW vt AS SELECT id, v FROM t;
CREATE MATERIALIZED VIEW mt AS SELECT v, count(*) FROM vt GROUP BY v WITH NO DATA;

CREATE TABLE t (id int, g int);
CREATE MATERIALIZED VIEW mt AS SELECT g, count(*) AS n FROM t GROUP BY g;
COMMENT ON MATERIALIZED VIEW mt IS 'counts per group';
COMMENT ON COLUMN mt.n IS 'rows in the group';

CREATE TABLE t (id int, g int);
CREATE MATERIALIZED VIEW mt AS SELECT g, count(*) AS n FROM t GROUP BY g;
CREATE UNIQUE INDEX mt_g_idx ON mt (g);

CREATE TABLE t (id int, g int);
CREATE VIEW stats AS SELECT g, count(*) AS n FROM t GROUP BY g;
CREATE VIEW stats_big AS SELECT g FROM stats WHERE n > 10;

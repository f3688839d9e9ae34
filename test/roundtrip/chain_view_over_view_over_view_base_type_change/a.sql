CREATE TABLE t (id int, amount int);
CREATE VIEW v1 AS SELECT id, amount FROM t;
CREATE VIEW v2 AS SELECT id, amount * 2 AS doubled FROM v1;
CREATE VIEW v3 AS SELECT sum(doubled) AS s FROM v2;

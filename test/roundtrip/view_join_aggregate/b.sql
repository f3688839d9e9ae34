CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE TABLE u (id integer PRIMARY KEY, t_id integer);
CREATE VIEW v AS SELECT t.id, count(u.id) AS n FROM t LEFT JOIN u ON u.t_id = t.id GROUP BY t.id HAVING count(u.id) > 1;

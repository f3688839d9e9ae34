CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE INDEX t_a1 ON t (a);
CREATE INDEX t_b1 ON t (b);
CREATE UNIQUE INDEX t_ab1 ON t (a, b);
CREATE INDEX t_lb ON t (lower(b)) WHERE a IS NULL;

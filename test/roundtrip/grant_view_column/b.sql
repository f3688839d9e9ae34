CREATE TABLE t (id int, secret text);
CREATE VIEW tv AS SELECT id, secret FROM t;
GRANT SELECT (id) ON tv TO rt_reader;

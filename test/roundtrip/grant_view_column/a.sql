CREATE TABLE t (id int, secret text);
CREATE VIEW tv AS SELECT id, secret FROM t;

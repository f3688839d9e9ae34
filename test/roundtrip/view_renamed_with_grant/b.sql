CREATE TABLE t (id int);
CREATE VIEW new_v AS SELECT id FROM t;
GRANT SELECT ON new_v TO rt_reader;

CREATE TABLE t (id int);
CREATE VIEW old_v AS SELECT id FROM t;
GRANT SELECT ON old_v TO rt_reader;

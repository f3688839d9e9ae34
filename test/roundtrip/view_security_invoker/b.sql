CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE VIEW v WITH (security_invoker=true) AS SELECT id FROM t;

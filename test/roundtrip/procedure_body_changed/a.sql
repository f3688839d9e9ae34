CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE PROCEDURE p(x integer) LANGUAGE sql AS $$INSERT INTO t (id) VALUES (x)$$;

CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE FUNCTION n() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t WHERE a > 0; END;

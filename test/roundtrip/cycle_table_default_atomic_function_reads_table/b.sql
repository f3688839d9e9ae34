-- A column default calls a BEGIN ATOMIC function that reads the same table: a dependency cycle through the default.
CREATE TABLE t (id int, seen bigint);
CREATE FUNCTION t_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM t; END;
ALTER TABLE t ALTER COLUMN seen SET DEFAULT t_count();

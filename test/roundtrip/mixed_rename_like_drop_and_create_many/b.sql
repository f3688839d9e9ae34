-- Several objects change names at once (each a drop and a create).
CREATE TABLE t_new (id int PRIMARY KEY);
CREATE VIEW v_new AS SELECT id FROM t_new;
CREATE SEQUENCE s_new;
CREATE FUNCTION f_new() RETURNS int LANGUAGE sql AS $$SELECT 1$$;
CREATE TYPE e_new AS ENUM ('x');

CREATE SCHEMA gone;
CREATE TYPE gone.k AS ENUM ('x');
CREATE TABLE gone.t (id int PRIMARY KEY, k gone.k);
CREATE VIEW gone.v AS SELECT id FROM gone.t;
CREATE SEQUENCE gone.s;
CREATE FUNCTION gone.f() RETURNS int LANGUAGE sql AS $$SELECT 1$$;
CREATE TABLE keep (id int);

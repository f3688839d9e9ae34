-- test/model_cases/search_path_relative_names/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schemas, and the objects of app (with
-- the SET search_path b.sql creates them under), which the model of lib
-- references.
CREATE SCHEMA app;
CREATE SCHEMA lib;
SET search_path TO app, public;
CREATE TYPE kind AS ENUM ('x', 'y', 'z');
CREATE TABLE things (
    id integer PRIMARY KEY,
    kind kind NOT NULL DEFAULT 'z'
);
CREATE FUNCTION thing_count() RETURNS bigint LANGUAGE sql STABLE
    SET search_path TO app
    AS $$SELECT count(*) FROM things$$;
CREATE VIEW thing_kinds AS SELECT kind, count(*) AS n FROM things GROUP BY kind;
RESET search_path;

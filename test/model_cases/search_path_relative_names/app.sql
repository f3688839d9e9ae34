-- test/model_cases/search_path_relative_names/app.sql: the model of schema app: the statements of
-- test/roundtrip/search_path_relative_names/b.sql that define objects of app, in b.sql's order,
-- with "app." left out of the names of app's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- Except: b.sql's SET search_path TO app, public before them is left out: a model
-- runs with its own schema first on the path (SET is refused in a model).
CREATE TYPE kind AS ENUM ('x', 'y', 'z');
CREATE TABLE things (
    id integer PRIMARY KEY,
    kind kind NOT NULL DEFAULT 'z'
);
CREATE FUNCTION thing_count() RETURNS bigint LANGUAGE sql STABLE
    SET search_path TO app
    AS $$SELECT count(*) FROM things$$;
CREATE VIEW thing_kinds AS SELECT kind, count(*) AS n FROM things GROUP BY kind;

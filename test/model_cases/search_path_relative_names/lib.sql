-- test/model_cases/search_path_relative_names/lib.sql: the model of schema lib: the statements of
-- test/roundtrip/search_path_relative_names/b.sql that define objects of lib, in b.sql's order,
-- with "lib." left out of the names of lib's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- Except: b.sql's SET search_path TO lib before them is left out: a model runs
-- with its own schema first on the path (SET is refused in a model).
CREATE FUNCTION double_it(integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 * 2$$;
CREATE TABLE lib_things (
    id integer PRIMARY KEY REFERENCES app.things (id),
    kind app.kind,
    twice integer GENERATED ALWAYS AS (double_it(id)) STORED
);
CREATE VIEW lib_view AS SELECT t.id, double_it(t.id) AS d, l.kind FROM app.things t JOIN lib_things l USING (id);

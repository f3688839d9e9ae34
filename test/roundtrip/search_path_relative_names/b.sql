-- objects created with a search_path: their definitions name objects of
-- their own schema unqualified, of other schemas qualified
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
SET search_path TO lib;
CREATE FUNCTION double_it(integer) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 * 2$$;
CREATE TABLE lib_things (
    id integer PRIMARY KEY REFERENCES app.things (id),
    kind app.kind,
    twice integer GENERATED ALWAYS AS (double_it(id)) STORED
);
CREATE VIEW lib_view AS SELECT t.id, double_it(t.id) AS d, l.kind FROM app.things t JOIN lib_things l USING (id);
RESET search_path;

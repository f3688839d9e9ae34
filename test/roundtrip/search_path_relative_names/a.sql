CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TYPE kind AS ENUM ('x', 'y');
CREATE TABLE things (
    id integer PRIMARY KEY,
    kind kind NOT NULL DEFAULT 'x'
);
CREATE FUNCTION thing_count() RETURNS bigint LANGUAGE sql STABLE
    AS $$SELECT count(*) FROM things$$;
CREATE VIEW thing_kinds AS SELECT kind, count(*) AS n FROM things GROUP BY kind;
RESET search_path;

-- Casts through a function, through text I/O, with a comment, and a view
-- that calls the cast's function.
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a text, b text);
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE FUNCTION app.text_to_pair(text) RETURNS app.pair LANGUAGE sql IMMUTABLE
    AS $$SELECT split_part($1, ',', 1), split_part($1, ',', 2)$$;
CREATE CAST (text AS app.pair) WITH FUNCTION app.text_to_pair(text);
COMMENT ON CAST (text AS app.pair) IS 'a,b';
CREATE CAST (app.color AS text) WITH INOUT AS ASSIGNMENT;
CREATE VIEW app.pairs AS SELECT ('x,y'::text)::app.pair AS p;

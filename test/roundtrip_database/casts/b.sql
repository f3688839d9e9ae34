-- The text to pair cast made implicit (made again), the color cast gone,
-- another one.
CREATE SCHEMA app;
CREATE TYPE app.pair AS (a text, b text);
CREATE TYPE app.color AS ENUM ('red', 'green');
CREATE FUNCTION app.text_to_pair(text) RETURNS app.pair LANGUAGE sql IMMUTABLE
    AS $$SELECT split_part($1, ',', 1), split_part($1, ',', 2)$$;
CREATE CAST (text AS app.pair) WITH FUNCTION app.text_to_pair(text) AS IMPLICIT;
COMMENT ON CAST (text AS app.pair) IS 'a,b';
CREATE CAST (app.color AS character varying) WITH INOUT;
CREATE VIEW app.pairs AS SELECT ('x,y'::text)::app.pair AS p;

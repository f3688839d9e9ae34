-- A cast in public out of nothing, with the type and function it needs.
CREATE TYPE celsius AS (v numeric);
CREATE FUNCTION to_celsius(numeric) RETURNS celsius LANGUAGE sql IMMUTABLE AS 'SELECT ROW($1)::celsius';
CREATE CAST (numeric AS celsius) WITH FUNCTION to_celsius(numeric) AS ASSIGNMENT;

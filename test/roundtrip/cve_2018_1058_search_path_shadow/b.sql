-- A function in public shadowing a catalog function name must not capture the diff's own statements.
CREATE FUNCTION lower(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT 'shadowed'$$;
CREATE TABLE t (id int, name text);
CREATE INDEX t_lower_idx ON t (pg_catalog.lower(name));

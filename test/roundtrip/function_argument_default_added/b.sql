CREATE FUNCTION f(x integer, y integer DEFAULT 10) RETURNS integer LANGUAGE sql AS $$SELECT x + y$$;

CREATE FUNCTION f(y integer) RETURNS integer LANGUAGE sql AS $$SELECT $1$$;

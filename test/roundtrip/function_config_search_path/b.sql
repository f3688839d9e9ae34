CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql SET search_path = pg_catalog, public AS $$SELECT x + 1$$;

CREATE FUNCTION f(x integer, OUT y integer) LANGUAGE sql AS $$SELECT x$$;

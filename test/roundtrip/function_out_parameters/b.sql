CREATE FUNCTION f(x integer, OUT y integer, OUT z integer) LANGUAGE sql AS $$SELECT x, x$$;

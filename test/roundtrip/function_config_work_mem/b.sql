CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql SET work_mem = '64MB' SET statement_timeout = '5s' AS $$SELECT x + 1$$;

CREATE TYPE pt AS (x integer, y integer);
CREATE FUNCTION mk(a integer) RETURNS pt LANGUAGE sql AS $$SELECT ROW(a, a)::pt$$;

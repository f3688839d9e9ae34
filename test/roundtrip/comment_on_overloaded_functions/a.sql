CREATE FUNCTION area(r float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$SELECT pi() * r * r$$;
CREATE FUNCTION area(w float8, h float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$SELECT w * h$$;
COMMENT ON FUNCTION area(float8) IS 'circle';

CREATE FUNCTION time_diff(a time, b time) RETURNS float8 LANGUAGE sql IMMUTABLE STRICT AS $$SELECT EXTRACT(EPOCH FROM (a - b))$$;
CREATE TYPE timerange AS RANGE (subtype = time, subtype_diff = time_diff);
CREATE TABLE t (id int, opening timerange);

CREATE FUNCTION now_utc() RETURNS timestamp without time zone
    LANGUAGE sql STABLE
    AS $$SELECT now() AT TIME ZONE 'UTC'$$;
CREATE FUNCTION safe_div(a numeric, b numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT a / nullif(b, 0)$$;
CREATE FUNCTION admin_count() RETURNS bigint
    LANGUAGE sql
    AS $$SELECT count(*) FROM pg_roles WHERE rolsuper$$;
CREATE FUNCTION series(n integer) RETURNS SETOF integer
    LANGUAGE sql IMMUTABLE
    AS $$SELECT generate_series(1, n)$$;

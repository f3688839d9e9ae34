CREATE FUNCTION now_utc() RETURNS timestamp without time zone
    LANGUAGE sql VOLATILE PARALLEL SAFE COST 5
    SET timezone TO 'UTC'
    AS $$SELECT now() AT TIME ZONE 'UTC'$$;
CREATE FUNCTION safe_div(a numeric, b numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE
    AS $$SELECT a / nullif(b, 0)$$;
CREATE FUNCTION admin_count() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO pg_catalog, pg_temp
    SET work_mem TO '8MB'
    AS $$SELECT count(*) FROM pg_roles WHERE rolsuper$$;
CREATE FUNCTION series(n integer) RETURNS SETOF integer
    LANGUAGE sql IMMUTABLE PARALLEL RESTRICTED ROWS 50 COST 10
    AS $$SELECT generate_series(1, n)$$;

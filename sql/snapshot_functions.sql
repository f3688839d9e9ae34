-- docs/snapshot-format.md: functions and procedures (full definition).
CREATE SCHEMA snap_fn;
SET search_path = snap_fn;
CREATE ROLE snap_fn_user;

CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION add(a int, b int DEFAULT 1) RETURNS int
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN a + b;
CREATE FUNCTION cheer(m mood) RETURNS text
	LANGUAGE plpgsql STABLE SECURITY DEFINER COST 5
	SET search_path = snap_fn, pg_temp SET work_mem = '8MB'
	AS $$BEGIN RETURN 'feeling ' || m; END$$;
CREATE FUNCTION series(n int, OUT i int, OUT sq int) RETURNS SETOF record
	LANGUAGE sql ROWS 10 AS $$SELECT g, g * g FROM generate_series(1, n) g$$;
CREATE FUNCTION add(a numeric, b numeric) RETURNS numeric
	LANGUAGE sql LEAKPROOF AS 'SELECT a + b';
CREATE PROCEDURE reset_all(INOUT n int)
	LANGUAGE plpgsql AS $$BEGIN n := 0; END$$;
COMMENT ON FUNCTION cheer(mood) IS 'cheers';
REVOKE EXECUTE ON FUNCTION cheer(mood) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cheer(mood) TO snap_fn_user;

SELECT jsonb_pretty(public.migrate_snapshot(ARRAY['snap_fn']) #> '{schemas,snap_fn,functions}');

RESET search_path;
DROP SCHEMA snap_fn CASCADE;
DROP ROLE snap_fn_user;

CREATE FUNCTION greet(name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT 'Hi, ' || name || '!'$$;

CREATE FUNCTION fib(n integer) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
-- iterative, with a guard
DECLARE
    a bigint := 0;
    b bigint := 1;
BEGIN
    IF n < 0 THEN
        RAISE EXCEPTION 'fib(%) is not defined', n;
    END IF;
    FOR i IN 1..n LOOP
        SELECT b, a + b INTO a, b;
    END LOOP;
    RETURN a;
END
$$;

CREATE FUNCTION answer() RETURNS integer
    LANGUAGE sql
    BEGIN ATOMIC
        SELECT 6 * 7;
    END;

CREATE FUNCTION greet(name text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT 'Hello, ' || name$$;

CREATE FUNCTION fib(n integer) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
DECLARE
    a bigint := 0;
    b bigint := 1;
BEGIN
    FOR i IN 1..n LOOP
        SELECT b, a + b INTO a, b;
    END LOOP;
    RETURN a;
END
$$;

CREATE FUNCTION answer() RETURNS integer
    LANGUAGE sql
    RETURN 42;

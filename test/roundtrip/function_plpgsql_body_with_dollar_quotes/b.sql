CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$
DECLARE s text := $q$it's $x$ quoted$q$;
BEGIN
    RETURN s;
END
$body$;

CREATE SCHEMA lib;
CREATE FUNCTION lib.fmt(n int) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN n::text; END$$;

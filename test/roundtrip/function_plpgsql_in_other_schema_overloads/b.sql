CREATE SCHEMA lib;
CREATE FUNCTION lib.fmt(n int) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN n::text; END$$;
CREATE FUNCTION lib.fmt(n numeric, places int DEFAULT 2) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN round(n, places)::text; END$$;

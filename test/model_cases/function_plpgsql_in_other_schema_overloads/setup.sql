-- test/model_cases/function_plpgsql_in_other_schema_overloads/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA lib;
CREATE FUNCTION lib.fmt(n int) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN n::text; END$$;
CREATE FUNCTION lib.fmt(n numeric, places int DEFAULT 2) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN round(n, places)::text; END$$;

-- test/model_cases/function_plpgsql_in_other_schema_overloads/lib.sql: the model of schema lib: the statements of
-- test/roundtrip/function_plpgsql_in_other_schema_overloads/b.sql that define its objects, its own qualification left out.
CREATE FUNCTION fmt(n int) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN n::text; END$$;
CREATE FUNCTION fmt(n numeric, places int DEFAULT 2) RETURNS text LANGUAGE plpgsql AS $$BEGIN RETURN round(n, places)::text; END$$;

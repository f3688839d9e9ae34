-- test/model_cases/schemas_function_in_other_schema_default/util.sql: the model of schema util: the statements of
-- test/roundtrip/schemas_function_in_other_schema_default/b.sql that define its objects, its own qualification left out.
CREATE FUNCTION today_text() RETURNS text LANGUAGE sql STABLE AS $$SELECT current_date::text$$;

-- test/model_cases/schemas_function_in_other_schema_default/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA util;
CREATE FUNCTION util.today_text() RETURNS text LANGUAGE sql STABLE AS $$SELECT current_date::text$$;
CREATE TABLE t (id int, d text DEFAULT util.today_text());

-- test/model_cases/schemas_function_in_other_schema_default/public.sql: the model of schema public: the statements of
-- test/roundtrip/schemas_function_in_other_schema_default/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int, d text DEFAULT util.today_text());

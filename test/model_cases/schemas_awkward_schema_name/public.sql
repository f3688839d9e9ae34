-- test/model_cases/schemas_awkward_schema_name/public.sql: the model of schema public: the statements of
-- test/roundtrip/schemas_awkward_schema_name/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int);

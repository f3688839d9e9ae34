-- test/model_cases/extension_in_own_schema_used_by_column/public.sql: the model of schema public: the statements of
-- test/roundtrip/extension_in_own_schema_used_by_column/b.sql that define its objects, its own qualification left out.
CREATE TABLE users (id int, email ext.citext);

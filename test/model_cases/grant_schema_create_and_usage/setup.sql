-- test/model_cases/grant_schema_create_and_usage/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA app;
GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT USAGE, CREATE ON SCHEMA app TO rt_admin;

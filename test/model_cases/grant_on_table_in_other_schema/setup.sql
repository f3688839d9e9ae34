-- test/model_cases/grant_on_table_in_other_schema/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA app;
CREATE TABLE app.t (id int);
GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT SELECT ON app.t TO rt_reader;

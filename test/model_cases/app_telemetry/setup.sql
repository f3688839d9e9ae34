-- test/model_cases/app_telemetry/setup.sql: run for real before the model is set.
-- Statements of b.sql, unchanged: the extensions and the schema.
CREATE EXTENSION btree_gist;
CREATE EXTENSION hstore;
CREATE SCHEMA telemetry;

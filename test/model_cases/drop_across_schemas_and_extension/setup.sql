-- test/model_cases/drop_across_schemas_and_extension/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: its schema (a model cannot create a schema).
CREATE SCHEMA sales;

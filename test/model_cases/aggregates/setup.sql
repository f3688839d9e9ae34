-- test/model_cases/aggregates/setup.sql: run for real before the model is set.
-- Statements of b.sql, unchanged: the schema.
CREATE SCHEMA stats;

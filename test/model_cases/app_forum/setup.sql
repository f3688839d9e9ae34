-- test/model_cases/app_forum/setup.sql: run for real before the model is set.
-- Statements of b.sql, unchanged: the extensions and the schema.
CREATE EXTENSION citext;
CREATE EXTENSION pg_trgm;
CREATE SCHEMA forum;

-- test/model_cases/extension_added: b.sql's CREATE EXTENSION statements, run for real
-- first (a model refuses an extension that is not installed).
CREATE EXTENSION hstore;
CREATE EXTENSION citext;

-- test/model_cases/extension_downgrade_with_dependents: b.sql's CREATE EXTENSION statements, run for real
-- first (a model refuses an extension that is not installed).
CREATE EXTENSION pg_trgm VERSION '1.6';
CREATE EXTENSION hstore VERSION '1.8';

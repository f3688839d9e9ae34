-- test/model_cases/expression_index_extension_opclass: b.sql's CREATE EXTENSION statements, run for real
-- first (a model refuses an extension that is not installed).
CREATE EXTENSION pg_trgm;

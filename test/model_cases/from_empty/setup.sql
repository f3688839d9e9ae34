-- test/model_cases/from_empty/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema and its comment (a model takes a
-- schema's comment and privileges from the live schema).
CREATE SCHEMA library;
COMMENT ON SCHEMA library IS 'A small library';

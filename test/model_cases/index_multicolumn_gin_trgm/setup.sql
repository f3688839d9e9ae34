-- test/model_cases/index_multicolumn_gin_trgm/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION pg_trgm;
CREATE TABLE t (title text, body text);
CREATE INDEX t_search_idx ON t USING gin (title gin_trgm_ops, body gin_trgm_ops);

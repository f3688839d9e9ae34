-- test/model_cases/index_gist_trgm_siglen/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION pg_trgm;
CREATE TABLE t (title text);
CREATE INDEX t_title_idx ON t USING gist (title gist_trgm_ops(siglen = 64));

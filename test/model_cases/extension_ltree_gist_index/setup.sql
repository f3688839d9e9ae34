-- test/model_cases/extension_ltree_gist_index/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION ltree;
CREATE TABLE cats (path ltree);
CREATE INDEX cats_path_idx ON cats USING gist (path gist_ltree_ops(siglen = 100));

-- test/model_cases/index_bloom_extension/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION bloom;
CREATE TABLE t (a int, b int, c int);
CREATE INDEX t_bloom ON t USING bloom (a, b, c) WITH (length = 80, col1 = 2);

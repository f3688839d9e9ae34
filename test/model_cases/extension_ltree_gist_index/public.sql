-- test/model_cases/extension_ltree_gist_index/public.sql: the model of schema public: the statements of
-- test/roundtrip/extension_ltree_gist_index/b.sql that define its objects, its own qualification left out.
CREATE TABLE cats (path ltree);
CREATE INDEX cats_path_idx ON cats USING gist (path gist_ltree_ops(siglen = 100));

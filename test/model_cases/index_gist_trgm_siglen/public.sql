-- test/model_cases/index_gist_trgm_siglen/public.sql: the model of schema public: the statements of
-- test/roundtrip/index_gist_trgm_siglen/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (title text);
CREATE INDEX t_title_idx ON t USING gist (title gist_trgm_ops(siglen = 64));

-- test/model_cases/index_multicolumn_gin_trgm/public.sql: the model of schema public: the statements of
-- test/roundtrip/index_multicolumn_gin_trgm/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (title text, body text);
CREATE INDEX t_search_idx ON t USING gin (title gin_trgm_ops, body gin_trgm_ops);

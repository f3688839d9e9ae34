-- test/model_cases/index_bloom_extension/public.sql: the model of schema public: the statements of
-- test/roundtrip/index_bloom_extension/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (a int, b int, c int);
CREATE INDEX t_bloom ON t USING bloom (a, b, c) WITH (length = 80, col1 = 2);

CREATE EXTENSION pg_trgm;
CREATE TABLE t (title text, body text);
CREATE INDEX t_search_idx ON t USING gin (title gin_trgm_ops, body gin_trgm_ops);

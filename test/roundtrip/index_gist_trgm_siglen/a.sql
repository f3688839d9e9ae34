CREATE EXTENSION pg_trgm;
CREATE TABLE t (title text);
CREATE INDEX t_title_idx ON t USING gist (title gist_trgm_ops);

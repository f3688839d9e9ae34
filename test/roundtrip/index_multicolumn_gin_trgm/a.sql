CREATE EXTENSION pg_trgm;
CREATE TABLE t (title text, body text);

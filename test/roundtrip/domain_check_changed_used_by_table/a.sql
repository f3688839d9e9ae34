CREATE DOMAIN code AS text CONSTRAINT code_len CHECK (length(VALUE) = 4);
CREATE TABLE t (c code);

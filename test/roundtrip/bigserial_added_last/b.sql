CREATE TABLE t (v text, n bigserial);

CREATE DOMAIN tag AS text CHECK (VALUE ~ '^[a-z]+$');
CREATE TABLE t (id int, tags tag[]);

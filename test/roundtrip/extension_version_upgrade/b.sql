-- ALTER EXTENSION ... UPDATE one way; the way back has no downgrade script
CREATE EXTENSION pg_trgm VERSION '1.6';
CREATE EXTENSION hstore VERSION '1.8';
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text,
    attrs hstore
);

CREATE EXTENSION pg_trgm VERSION '1.3';
CREATE EXTENSION hstore VERSION '1.4';
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text,
    attrs hstore
);

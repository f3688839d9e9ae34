-- test/model_cases/extension_version_upgrade: the model of public, b.sql unchanged (its CREATE
-- EXTENSION of the extensions setup.sql installed are skipped).
-- ALTER EXTENSION ... UPDATE one way; the way back has no downgrade script
CREATE EXTENSION pg_trgm VERSION '1.6';
CREATE EXTENSION hstore VERSION '1.8';
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text,
    attrs hstore
);

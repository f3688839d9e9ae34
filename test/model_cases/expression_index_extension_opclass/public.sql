-- test/model_cases/expression_index_extension_opclass: the model of public, b.sql unchanged (its CREATE
-- EXTENSION of the extensions setup.sql installed are skipped).
-- an index whose operator class comes from an extension: the extension
-- must exist first, and can only go after the index
CREATE EXTENSION pg_trgm;
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE INDEX products_name_idx ON products USING gin (name gin_trgm_ops);
CREATE INDEX products_name_lower_trgm_idx ON products USING gist (lower(name) gist_trgm_ops(siglen = 32));

-- extensions updated one way (ALTER EXTENSION UPDATE); the way back has no
-- downgrade script: the extensions are dropped and created again at the old
-- version, with the columns of their types kept (through text), the indexes
-- on their operator classes, a view and a function rebuilt
CREATE EXTENSION pg_trgm VERSION '1.6';
CREATE EXTENSION hstore VERSION '1.8';
CREATE TABLE products (
    id integer PRIMARY KEY,
    name text,
    attrs hstore,
    tags hstore[]
);
CREATE INDEX products_attrs_idx ON products USING gin (attrs);
CREATE INDEX products_name_trgm_idx ON products USING gist (name gist_trgm_ops);
CREATE VIEW product_colors AS SELECT id, attrs -> 'color' AS color FROM products;
CREATE FUNCTION attr_count(h hstore) RETURNS integer LANGUAGE sql AS 'SELECT array_length(akeys(h), 1)';

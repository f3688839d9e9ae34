CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE INDEX products_name_idx ON products (name);

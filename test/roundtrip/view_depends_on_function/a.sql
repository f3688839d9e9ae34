CREATE FUNCTION tax(numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 * 0.2$$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    price numeric NOT NULL
);
CREATE VIEW items_with_tax AS
    SELECT id, price, tax(price) AS tax FROM items;

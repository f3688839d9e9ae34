-- the function's result type changes (CREATE OR REPLACE cannot do that):
-- the view goes, the function is recreated, the view comes back
CREATE FUNCTION tax(numeric) RETURNS numeric(12,2)
    LANGUAGE sql IMMUTABLE
    AS $$SELECT round($1 * 0.19, 2)$$;
CREATE FUNCTION tax(numeric, numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 * $2$$;
CREATE TABLE items (
    id integer PRIMARY KEY,
    price numeric NOT NULL
);
CREATE VIEW items_with_tax AS
    SELECT id, price, tax(price) AS tax, tax(price, 0.07) AS reduced_tax FROM items;

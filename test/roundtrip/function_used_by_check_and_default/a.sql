CREATE FUNCTION valid_sku(text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT $1 ~ '^[A-Z]{3}-[0-9]{4}$'$$;
CREATE FUNCTION new_sku() RETURNS text
    LANGUAGE sql VOLATILE
    AS $$SELECT 'AAA-' || lpad((random() * 9999)::integer::text, 4, '0')$$;
CREATE TABLE stock (
    sku text NOT NULL DEFAULT new_sku(),
    qty integer NOT NULL,
    CONSTRAINT stock_sku_check CHECK (valid_sku(sku))
);

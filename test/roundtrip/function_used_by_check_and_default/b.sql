-- both functions change signature or result type: the CHECK and the
-- DEFAULT that use them go before the functions and come back after
CREATE FUNCTION valid_sku(text, integer DEFAULT 4) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT $1 ~ ('^[A-Z]{3}-[0-9]{' || $2 || '}$')$$;
CREATE FUNCTION new_sku() RETURNS character varying
    LANGUAGE sql VOLATILE
    AS $$SELECT 'BBB-' || lpad((random() * 9999)::integer::text, 4, '0')$$;
CREATE TABLE stock (
    sku text NOT NULL DEFAULT new_sku(),
    qty integer NOT NULL,
    CONSTRAINT stock_sku_check CHECK (valid_sku(sku, 4))
);

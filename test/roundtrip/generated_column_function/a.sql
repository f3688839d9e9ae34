CREATE FUNCTION net_price(gross numeric, vat_rate numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT round(gross / (1 + vat_rate), 2)$$;

CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    gross numeric(12,2) NOT NULL,
    vat_rate numeric(4,3) NOT NULL DEFAULT 0.19,
    net numeric GENERATED ALWAYS AS (net_price(gross, vat_rate)) STORED,
    name_lower text GENERATED ALWAYS AS (lower(name)) STORED
);

-- the function gets another signature (so the generated column must go and
-- come back), another generated column appears, one becomes plain
CREATE FUNCTION net_price(gross numeric, vat_rate numeric, discount numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT round((gross - discount) / (1 + vat_rate), 2)$$;

CREATE TABLE products (
    id integer PRIMARY KEY,
    name text NOT NULL,
    gross numeric(12,2) NOT NULL,
    vat_rate numeric(4,3) NOT NULL DEFAULT 0.19,
    discount numeric(12,2) NOT NULL DEFAULT 0,
    net numeric GENERATED ALWAYS AS (net_price(gross, vat_rate, discount)) STORED,
    name_lower text,
    vat numeric GENERATED ALWAYS AS (gross - net_price(gross, vat_rate, 0)) STORED
);

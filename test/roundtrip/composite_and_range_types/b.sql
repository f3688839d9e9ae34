CREATE TYPE money_amount AS (
    amount numeric(14,4),
    currency character(3),
    rate double precision
);
CREATE FUNCTION float_diff(double precision, double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT $1 - $2$$;
CREATE TYPE float_range AS RANGE (
    subtype = double precision,
    subtype_diff = float_diff,
    multirange_type_name = float_multi
);
CREATE TYPE text_range AS RANGE (subtype = text, collation = "C");
CREATE TABLE offers (
    id integer PRIMARY KEY,
    price money_amount,
    temperature float_range,
    windows float_multi,
    names text_range
);
CREATE TYPE line_item AS (
    sku text COLLATE "C",
    qty integer,
    price money_amount
);

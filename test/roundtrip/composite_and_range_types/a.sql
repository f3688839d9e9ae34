CREATE TYPE money_amount AS (
    amount numeric(12,2),
    currency character(3)
);
CREATE TYPE float_range AS RANGE (subtype = double precision);
CREATE TABLE offers (
    id integer PRIMARY KEY,
    price money_amount,
    temperature float_range
);
CREATE TYPE unused_pair AS (a integer, b integer);

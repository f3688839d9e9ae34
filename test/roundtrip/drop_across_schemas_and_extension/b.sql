-- a multi-schema application whose foreign keys cross schemas both ways,
-- and user functions with an extension's type in their signatures: the
-- schemas but one, the extensions and the functions go in one direction
CREATE SCHEMA sales;
CREATE TABLE sales.customers (id integer PRIMARY KEY, email text);

-- test/model_cases/schema_renamed/stock.sql: the model of schema stock: the statements of
-- test/roundtrip/schema_renamed/b.sql that define objects of stock, in b.sql's order,
-- with "stock." left out of the names of stock's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TYPE unit AS ENUM ('piece', 'kg');
CREATE TABLE items (
    id integer PRIMARY KEY,
    unit unit NOT NULL
);
CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql STABLE
    AS $$SELECT count(*) FROM stock.items$$;

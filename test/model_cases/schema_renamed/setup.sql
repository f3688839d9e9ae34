-- test/model_cases/schema_renamed/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema, and the objects that the body of
-- stock.item_count() names qualified (stock.items, with its type), which
-- PostgreSQL checks when the model's CREATE FUNCTION runs.
CREATE SCHEMA stock;
CREATE TYPE stock.unit AS ENUM ('piece', 'kg');
CREATE TABLE stock.items (
    id integer PRIMARY KEY,
    unit stock.unit NOT NULL
);

-- test/model_cases/grants_and_revokes/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema (its privileges are the model's:
-- app.sql), and the table
-- that the body of app.order_count() names qualified (app.orders), which
-- PostgreSQL checks when the model's CREATE FUNCTION runs.
CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    secret text
);

-- test/model_cases/grants_and_revokes/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema and its privileges (a model takes a
-- schema's comment and privileges from the live schema), and the table
-- that the body of app.order_count() names qualified (app.orders), which
-- PostgreSQL checks when the model's CREATE FUNCTION runs.  GRANT USAGE ON
-- SCHEMA public is b.sql's too, but public holds no object of the case, so
-- it has no model and is not compared.
CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    secret text
);
GRANT USAGE, CREATE ON SCHEMA app TO rt_admin WITH GRANT OPTION;
GRANT USAGE ON SCHEMA app TO rt_reader, rt_writer;

-- test/model_cases/schema_add_drop/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema sales, and public.users, which the
-- model of sales references.
CREATE TABLE public.users (
    id integer PRIMARY KEY
);
CREATE SCHEMA sales;

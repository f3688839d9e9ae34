-- test/model_cases/comments_everywhere/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schema (its comment is the model's:
-- billing.sql), and the objects that the body of billing.charge() names
-- qualified (billing.customers, with its types), which PostgreSQL checks
-- when the model's CREATE FUNCTION runs.
CREATE SCHEMA billing;
CREATE TYPE billing.plan AS ENUM ('free', 'pro');
CREATE DOMAIN billing.cents AS bigint CONSTRAINT cents_nonneg CHECK (VALUE >= 0);
CREATE TABLE billing.customers (
    id integer PRIMARY KEY,
    plan billing.plan NOT NULL,
    balance billing.cents NOT NULL DEFAULT 0,
    CONSTRAINT customers_id_check CHECK (id > 0)
);

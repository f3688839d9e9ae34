-- test/model_cases/several_schemas/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schemas; the objects of core, which the
-- models of crm and reports reference and the body of core.next_id() names
-- qualified (checked when the model's CREATE FUNCTION runs); and
-- crm.contacts and the view crm.account_contacts, which the model of
-- reports references.
CREATE SCHEMA core;
CREATE SCHEMA crm;
CREATE SCHEMA reports;
CREATE TYPE core.tier AS ENUM ('bronze', 'silver', 'gold');
CREATE SEQUENCE core.global_ids;
CREATE FUNCTION core.next_id() RETURNS bigint LANGUAGE sql
    AS $$SELECT nextval('core.global_ids')$$;
CREATE FUNCTION core.is_vip(core.tier) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 = 'gold'$$;
CREATE TABLE core.accounts (
    id bigint PRIMARY KEY DEFAULT core.next_id(),
    name text NOT NULL,
    tier core.tier NOT NULL DEFAULT 'bronze'
);
CREATE TABLE crm.contacts (
    id bigint PRIMARY KEY DEFAULT core.next_id(),
    account_id bigint REFERENCES core.accounts (id) ON DELETE CASCADE,
    email text,
    tier core.tier,
    CONSTRAINT contacts_vip_email CHECK (NOT core.is_vip(tier) OR email IS NOT NULL)
);
CREATE VIEW crm.account_contacts AS
    SELECT a.name, c.email, a.tier FROM core.accounts a JOIN crm.contacts c ON c.account_id = a.id;

-- objects of one schema used from the others: foreign keys, types,
-- functions, views, sequences, triggers, policies across schemas
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
CREATE INDEX contacts_vip_idx ON crm.contacts (account_id) WHERE core.is_vip(tier);
CREATE VIEW crm.account_contacts AS
    SELECT a.name, c.email, a.tier FROM core.accounts a JOIN crm.contacts c ON c.account_id = a.id;
CREATE VIEW reports.vip_contacts AS
    SELECT name, email FROM crm.account_contacts WHERE core.is_vip(tier);
CREATE FUNCTION crm.touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE core.accounts SET name = name WHERE id = NEW.account_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER contacts_touch AFTER INSERT ON crm.contacts
    FOR EACH ROW EXECUTE FUNCTION crm.touch_account();
ALTER TABLE crm.contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contacts_gold ON crm.contacts USING (core.is_vip(tier));
CREATE TABLE reports.daily (
    day date PRIMARY KEY,
    accounts bigint,
    best core.tier
);

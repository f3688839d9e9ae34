-- test/model_cases/several_schemas/crm.sql: the model of schema crm: the statements of
-- test/roundtrip/several_schemas/b.sql that define objects of crm, in b.sql's order,
-- with "crm." left out of the names of crm's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TABLE contacts (
    id bigint PRIMARY KEY DEFAULT core.next_id(),
    account_id bigint REFERENCES core.accounts (id) ON DELETE CASCADE,
    email text,
    tier core.tier,
    CONSTRAINT contacts_vip_email CHECK (NOT core.is_vip(tier) OR email IS NOT NULL)
);
CREATE INDEX contacts_vip_idx ON contacts (account_id) WHERE core.is_vip(tier);
CREATE VIEW account_contacts AS
    SELECT a.name, c.email, a.tier FROM core.accounts a JOIN contacts c ON c.account_id = a.id;
CREATE FUNCTION touch_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE core.accounts SET name = name WHERE id = NEW.account_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER contacts_touch AFTER INSERT ON contacts
    FOR EACH ROW EXECUTE FUNCTION touch_account();
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
CREATE POLICY contacts_gold ON contacts USING (core.is_vip(tier));

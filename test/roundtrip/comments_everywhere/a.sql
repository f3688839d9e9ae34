CREATE SCHEMA billing;
CREATE TYPE billing.plan AS ENUM ('free', 'pro');
CREATE DOMAIN billing.cents AS bigint CONSTRAINT cents_nonneg CHECK (VALUE >= 0);
CREATE TYPE billing.period AS (starts date, ends date);
CREATE SEQUENCE billing.invoice_no;
CREATE TABLE billing.customers (
    id integer PRIMARY KEY,
    plan billing.plan NOT NULL,
    balance billing.cents NOT NULL DEFAULT 0,
    CONSTRAINT customers_id_check CHECK (id > 0)
);
CREATE INDEX customers_plan_idx ON billing.customers (plan);
CREATE VIEW billing.pro_customers AS SELECT id, balance FROM billing.customers WHERE plan = 'pro';
CREATE MATERIALIZED VIEW billing.totals AS SELECT plan, sum(balance) AS total FROM billing.customers GROUP BY plan;
CREATE FUNCTION billing.charge(customer integer, amount bigint) RETURNS void
    LANGUAGE sql AS $$UPDATE billing.customers SET balance = balance + amount WHERE id = customer$$;
CREATE FUNCTION billing.no_op() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER customers_no_op BEFORE UPDATE ON billing.customers FOR EACH ROW EXECUTE FUNCTION billing.no_op();
ALTER TABLE billing.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_all ON billing.customers USING (true);
CREATE COLLATION billing.exact (provider = icu, locale = 'und');
CREATE PROCEDURE billing.nightly() LANGUAGE sql AS $$SELECT 1$$;

COMMENT ON SCHEMA billing IS 'Billing';
COMMENT ON TABLE billing.customers IS 'Paying customers';
COMMENT ON COLUMN billing.customers.plan IS 'Current plan';

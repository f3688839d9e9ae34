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

-- every kind of object with a comment; one comment removed, one changed
COMMENT ON SCHEMA billing IS 'Billing: customers, plans, invoices';
COMMENT ON SCHEMA public IS 'standard public schema (unused here)';
COMMENT ON TYPE billing.plan IS 'What a customer pays for';
COMMENT ON DOMAIN billing.cents IS 'Money in cents';
COMMENT ON CONSTRAINT cents_nonneg ON DOMAIN billing.cents IS 'No negative money';
COMMENT ON TYPE billing.period IS 'A billing period';
COMMENT ON COLUMN billing.period.ends IS 'Exclusive';
COMMENT ON SEQUENCE billing.invoice_no IS 'Invoice numbers';
COMMENT ON TABLE billing.customers IS 'Customers';
COMMENT ON COLUMN billing.customers.balance IS 'Open balance, in cents';
COMMENT ON CONSTRAINT customers_id_check ON billing.customers IS 'Ids are positive';
COMMENT ON CONSTRAINT customers_pkey ON billing.customers IS 'The key';
COMMENT ON INDEX billing.customers_plan_idx IS 'For the plan reports';
COMMENT ON VIEW billing.pro_customers IS 'Customers on the pro plan';
COMMENT ON COLUMN billing.pro_customers.balance IS 'Balance of a pro customer';
COMMENT ON MATERIALIZED VIEW billing.totals IS 'Refreshed nightly';
COMMENT ON COLUMN billing.totals.total IS 'Sum of balances';
COMMENT ON FUNCTION billing.charge(integer, bigint) IS 'Add to a balance';
COMMENT ON FUNCTION billing.no_op() IS 'Does nothing';
COMMENT ON TRIGGER customers_no_op ON billing.customers IS 'Placeholder';
COMMENT ON POLICY customers_all ON billing.customers IS 'Everyone sees everything';
COMMENT ON COLLATION billing.exact IS 'Unicode root collation';
COMMENT ON PROCEDURE billing.nightly() IS 'Nightly job';

-- test/model_cases/comments_everywhere/billing.sql: the model of schema billing: the statements of
-- test/roundtrip/comments_everywhere/b.sql that define objects of billing, in b.sql's order,
-- with "billing." left out of the names of billing's own objects (function
-- bodies are kept as written: they are text), and b.sql's COMMENT ON SCHEMA
-- billing, which sets the comment of the model's schema.  Nothing else is
-- changed.
COMMENT ON SCHEMA billing IS 'Billing: customers, plans, invoices';
CREATE TYPE plan AS ENUM ('free', 'pro');
CREATE DOMAIN cents AS bigint CONSTRAINT cents_nonneg CHECK (VALUE >= 0);
CREATE TYPE period AS (starts date, ends date);
CREATE SEQUENCE invoice_no;
CREATE TABLE customers (
    id integer PRIMARY KEY,
    plan plan NOT NULL,
    balance cents NOT NULL DEFAULT 0,
    CONSTRAINT customers_id_check CHECK (id > 0)
);
CREATE INDEX customers_plan_idx ON customers (plan);
CREATE VIEW pro_customers AS SELECT id, balance FROM customers WHERE plan = 'pro';
CREATE MATERIALIZED VIEW totals AS SELECT plan, sum(balance) AS total FROM customers GROUP BY plan;
CREATE FUNCTION charge(customer integer, amount bigint) RETURNS void
    LANGUAGE sql AS $$UPDATE billing.customers SET balance = balance + amount WHERE id = customer$$;
CREATE FUNCTION no_op() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER customers_no_op BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION no_op();
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_all ON customers USING (true);
CREATE COLLATION exact (provider = icu, locale = 'und');
CREATE PROCEDURE nightly() LANGUAGE sql AS $$SELECT 1$$;

-- every kind of object with a comment; one comment removed, one changed
COMMENT ON TYPE plan IS 'What a customer pays for';
COMMENT ON DOMAIN cents IS 'Money in cents';
COMMENT ON CONSTRAINT cents_nonneg ON DOMAIN cents IS 'No negative money';
COMMENT ON TYPE period IS 'A billing period';
COMMENT ON COLUMN period.ends IS 'Exclusive';
COMMENT ON SEQUENCE invoice_no IS 'Invoice numbers';
COMMENT ON TABLE customers IS 'Customers';
COMMENT ON COLUMN customers.balance IS 'Open balance, in cents';
COMMENT ON CONSTRAINT customers_id_check ON customers IS 'Ids are positive';
COMMENT ON CONSTRAINT customers_pkey ON customers IS 'The key';
COMMENT ON INDEX customers_plan_idx IS 'For the plan reports';
COMMENT ON VIEW pro_customers IS 'Customers on the pro plan';
COMMENT ON COLUMN pro_customers.balance IS 'Balance of a pro customer';
COMMENT ON MATERIALIZED VIEW totals IS 'Refreshed nightly';
COMMENT ON COLUMN totals.total IS 'Sum of balances';
COMMENT ON FUNCTION charge(integer, bigint) IS 'Add to a balance';
COMMENT ON FUNCTION no_op() IS 'Does nothing';
COMMENT ON TRIGGER customers_no_op ON customers IS 'Placeholder';
COMMENT ON POLICY customers_all ON customers IS 'Everyone sees everything';
COMMENT ON COLLATION exact IS 'Unicode root collation';
COMMENT ON PROCEDURE nightly() IS 'Nightly job';

-- a column inserted in the middle forces a rebuild of customers: the
-- foreign key that references it, the view over it, its trigger, policy,
-- grant, comments and index must all be there again afterwards
CREATE TABLE customers (
    id integer PRIMARY KEY,
    kind text NOT NULL DEFAULT 'person',
    name text NOT NULL,
    email text
);
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id)
);
CREATE VIEW customer_orders AS
    SELECT c.name, count(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name;
CREATE FUNCTION customers_audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER customers_audit AFTER INSERT ON customers FOR EACH ROW EXECUTE FUNCTION customers_audit();
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY customers_named ON customers USING (name <> '');
GRANT SELECT ON customers TO rt_reader;
COMMENT ON TABLE customers IS 'Customers';
COMMENT ON COLUMN customers.email IS 'Contact address';
CREATE INDEX customers_email_idx ON customers (email);

-- test/model_cases/schemas_fk_across_schemas/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA crm;
CREATE SCHEMA billing;
CREATE TABLE crm.customers (id int PRIMARY KEY);
CREATE TABLE billing.invoices (id int PRIMARY KEY, customer_id int REFERENCES crm.customers);

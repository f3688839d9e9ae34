-- test/model_cases/schemas_drop_schema_referenced_by_fk/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- Downgrading a multi-schema application: the referenced schema goes while another schema's table loses its foreign key (family 4 of issue 14).
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int PRIMARY KEY, customer_id int);

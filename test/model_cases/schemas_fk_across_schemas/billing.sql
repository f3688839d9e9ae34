-- test/model_cases/schemas_fk_across_schemas/billing.sql: the model of schema billing: the statements of
-- test/roundtrip/schemas_fk_across_schemas/b.sql that define its objects, its own qualification left out.
CREATE TABLE invoices (id int PRIMARY KEY, customer_id int REFERENCES crm.customers);

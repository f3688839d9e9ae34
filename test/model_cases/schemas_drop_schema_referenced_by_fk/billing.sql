-- test/model_cases/schemas_drop_schema_referenced_by_fk/billing.sql: the model of schema billing: the statements of
-- test/roundtrip/schemas_drop_schema_referenced_by_fk/b.sql that define its objects, its own qualification left out.
CREATE TABLE invoices (id int PRIMARY KEY, customer_id int);

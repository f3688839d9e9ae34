-- test/model_cases/schemas_fk_across_schemas/crm.sql: the model of schema crm: the statements of
-- test/roundtrip/schemas_fk_across_schemas/b.sql that define its objects, its own qualification left out.
CREATE TABLE customers (id int PRIMARY KEY);

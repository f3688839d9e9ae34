-- test/model_cases/drop_across_schemas_and_extension/sales.sql: the model of schema sales: the statements of
-- test/roundtrip/drop_across_schemas_and_extension/b.sql that define objects of sales,
-- with "sales." left out of the names of sales's own objects.  Nothing else is changed.
CREATE TABLE customers (id integer PRIMARY KEY, email text);

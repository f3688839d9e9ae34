-- test/model_cases/schemas_view_across_schemas/raw.sql: the model of schema raw: the statements of
-- test/roundtrip/schemas_view_across_schemas/b.sql that define its objects, its own qualification left out.
CREATE TABLE sales (day date, amount numeric);

-- test/model_cases/schemas_awkward_schema_name/My Schema.sql: the model of schema My Schema: the statements of
-- test/roundtrip/schemas_awkward_schema_name/b.sql that define its objects, its own qualification left out.
CREATE TABLE "Table ""One""" (id int, "Col.A" text);

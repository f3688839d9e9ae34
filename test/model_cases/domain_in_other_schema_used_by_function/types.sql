-- test/model_cases/domain_in_other_schema_used_by_function/types.sql: the model of schema types: the statements of
-- test/roundtrip/domain_in_other_schema_used_by_function/b.sql that define its objects, its own qualification left out.
CREATE DOMAIN cents AS bigint;

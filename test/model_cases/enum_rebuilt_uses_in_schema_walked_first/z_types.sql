-- test/model_cases/enum_rebuilt_uses_in_schema_walked_first/z_types.sql: the model of schema z_types: the statements of
-- test/roundtrip/enum_rebuilt_uses_in_schema_walked_first/b.sql that define its objects, its own qualification left out.
CREATE TYPE status AS ENUM ('new', 'old');

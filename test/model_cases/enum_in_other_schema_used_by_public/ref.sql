-- test/model_cases/enum_in_other_schema_used_by_public/ref.sql: the model of schema ref: the statements of
-- test/roundtrip/enum_in_other_schema_used_by_public/b.sql that define its objects, its own qualification left out.
CREATE TYPE currency AS ENUM ('EUR', 'USD', 'GBP');

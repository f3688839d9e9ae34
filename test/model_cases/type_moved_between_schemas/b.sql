-- test/model_cases/type_moved_between_schemas/b.sql: the model of schema b: the statements of
-- test/roundtrip/type_moved_between_schemas/b.sql that define its objects, its own qualification left out.
CREATE TYPE flag AS ENUM ('on', 'off');

-- test/model_cases/type_moved_between_schemas/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- The same enum in another schema: dropped in one and created in the other.
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE TYPE b.flag AS ENUM ('on', 'off');

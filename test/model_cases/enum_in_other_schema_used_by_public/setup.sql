-- test/model_cases/enum_in_other_schema_used_by_public/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA ref;
CREATE TYPE ref.currency AS ENUM ('EUR', 'USD', 'GBP');
CREATE TABLE t (id int, cur ref.currency DEFAULT 'EUR');

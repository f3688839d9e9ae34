-- test/model_cases/schemas_three_with_grants_and_comments/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA a;
CREATE SCHEMA b;
CREATE SCHEMA c;
COMMENT ON SCHEMA b IS 'second';
GRANT USAGE ON SCHEMA b, c TO rt_reader;
CREATE TABLE c.t (id int);

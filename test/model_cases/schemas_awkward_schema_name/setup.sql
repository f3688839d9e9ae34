-- test/model_cases/schemas_awkward_schema_name/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Table ""One""" (id int, "Col.A" text);
CREATE TABLE t (id int);

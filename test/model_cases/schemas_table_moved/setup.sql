-- test/model_cases/schemas_table_moved/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- A table moves from one schema to another (drop and create).
CREATE SCHEMA old;
CREATE SCHEMA new;
CREATE TABLE new.t (id int PRIMARY KEY, v text);

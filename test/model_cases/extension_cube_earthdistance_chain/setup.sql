-- test/model_cases/extension_cube_earthdistance_chain/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- An extension that requires another one, and a column of the first one's type.
CREATE EXTENSION cube;
CREATE EXTENSION earthdistance;
CREATE TABLE places (id int, loc earth);

-- test/model_cases/exclusion_constraint_changed/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION btree_gist;
CREATE TABLE slots (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 0));

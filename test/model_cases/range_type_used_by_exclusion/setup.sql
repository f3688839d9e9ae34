-- test/model_cases/range_type_used_by_exclusion/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION btree_gist;
CREATE TABLE booking (room int, during tstzrange,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));

-- test/model_cases/mixed_table_with_every_constraint_kind_added/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE EXTENSION btree_gist;
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  p_id int NOT NULL REFERENCES p ON DELETE CASCADE,
  code text UNIQUE NULLS NOT DISTINCT,
  qty int CHECK (qty > 0) DEFAULT 1,
  during tsrange,
  CONSTRAINT c_no_overlap EXCLUDE USING gist (p_id WITH =, during WITH &&),
  CONSTRAINT c_code_qty UNIQUE (code, qty) DEFERRABLE
);

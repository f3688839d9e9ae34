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

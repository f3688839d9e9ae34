-- test/model_cases/sequence_other_schema_used_by_default/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
-- A sequence of another schema used by a column's default.
CREATE SCHEMA seqs;
CREATE SEQUENCE seqs.ticket_no AS integer START 1000;
CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT nextval('seqs.ticket_no'));

-- test/model_cases/schemas_same_table_name_in_two/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE s1.t (id int, a text);
CREATE TABLE s2.t (id bigint);

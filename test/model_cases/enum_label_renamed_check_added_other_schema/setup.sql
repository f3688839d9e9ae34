-- test/model_cases/enum_label_renamed_check_added_other_schema/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schemas s1 and a, and its enum, which the model of a references.
CREATE SCHEMA s1;
CREATE SCHEMA a;
CREATE TYPE s1.mood AS ENUM ('l0', 'l1_r');

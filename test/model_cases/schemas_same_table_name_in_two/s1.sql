-- test/model_cases/schemas_same_table_name_in_two/s1.sql: the model of schema s1: the statements of
-- test/roundtrip/schemas_same_table_name_in_two/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int, a text);

-- test/model_cases/schemas_same_table_name_in_two/s2.sql: the model of schema s2: the statements of
-- test/roundtrip/schemas_same_table_name_in_two/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id bigint);

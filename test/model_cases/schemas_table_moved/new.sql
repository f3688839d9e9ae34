-- test/model_cases/schemas_table_moved/new.sql: the model of schema new: the statements of
-- test/roundtrip/schemas_table_moved/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int PRIMARY KEY, v text);

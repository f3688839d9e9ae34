-- test/model_cases/grant_on_table_in_other_schema/app.sql: the model of schema app: the statements of
-- test/roundtrip/grant_on_table_in_other_schema/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int);
GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT SELECT ON t TO rt_reader;

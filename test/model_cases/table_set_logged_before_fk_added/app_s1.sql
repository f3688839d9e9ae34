-- test/model_cases/table_set_logged_before_fk_added/app_s1.sql: the model of schema app_s1: the statements of
-- test/roundtrip/table_set_logged_before_fk_added/b.sql that define its objects, its own qualification left out.
CREATE UNLOGGED TABLE parent (id int PRIMARY KEY);

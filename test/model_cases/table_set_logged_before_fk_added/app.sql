-- test/model_cases/table_set_logged_before_fk_added/app.sql: the model of schema app: the statements of
-- test/roundtrip/table_set_logged_before_fk_added/b.sql that define its objects, its own qualification left out.
CREATE TABLE child (id int PRIMARY KEY, parent_id int);

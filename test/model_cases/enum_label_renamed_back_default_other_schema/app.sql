-- test/model_cases/enum_label_renamed_back_default_other_schema/app.sql: the model of schema app: the statements of
-- test/roundtrip/enum_label_renamed_back_default_other_schema/b.sql that define its objects, its own qualification left out.
CREATE TABLE t7 (id int, c4 app_s1.mood, c5 app_s1.mood);

-- test/model_cases/enum_label_renamed_back_default_other_schema/app_s2.sql: the model of schema app_s2: the statements of
-- test/roundtrip/enum_label_renamed_back_default_other_schema/b.sql that define its objects, its own qualification left out.
CREATE TABLE t6 (id int, c2 app_s1.mood, CONSTRAINT t6_c2_key UNIQUE (c2));

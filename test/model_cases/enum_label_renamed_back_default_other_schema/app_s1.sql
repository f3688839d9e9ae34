-- test/model_cases/enum_label_renamed_back_default_other_schema/app_s1.sql: the model of schema app_s1: the statements of
-- test/roundtrip/enum_label_renamed_back_default_other_schema/b.sql that define its objects, its own qualification left out.
CREATE TYPE mood AS ENUM ('l0', 'l1_r', 'l2');

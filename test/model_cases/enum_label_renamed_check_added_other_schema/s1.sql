-- test/model_cases/enum_label_renamed_check_added_other_schema/s1.sql: the model of schema s1: the statements of
-- test/roundtrip/enum_label_renamed_check_added_other_schema/b.sql that define objects of s1,
-- with "s1." left out of the names of s1's own objects.  Nothing else is changed.
CREATE TYPE mood AS ENUM ('l0', 'l1_r');

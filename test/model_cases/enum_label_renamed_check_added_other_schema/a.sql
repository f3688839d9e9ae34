-- test/model_cases/enum_label_renamed_check_added_other_schema/a.sql: the model of schema a: the statements of
-- test/roundtrip/enum_label_renamed_check_added_other_schema/b.sql that define objects of a,
-- with "a." left out of the names of a's own objects.  Nothing else is changed.
CREATE TABLE t (id integer PRIMARY KEY, m s1.mood);

-- test/model_cases/enum_in_other_schema_used_by_public/public.sql: the model of schema public: the statements of
-- test/roundtrip/enum_in_other_schema_used_by_public/b.sql that define its objects, its own qualification left out.
CREATE TABLE t (id int, cur ref.currency DEFAULT 'EUR');

-- test/model_cases/schema_comment_and_grant/public.sql: the model of schema public: the
-- statements of test/roundtrip/schema_comment_and_grant/b.sql about public, unchanged.
-- The schema holds no object of the case: its model says only its
-- privileges, which REVOKE/GRANT ON SCHEMA of the model's own schema set
-- on the shadow schema, starting from those public has (docs/models.md);
-- its comment is the live one.
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rt_admin;

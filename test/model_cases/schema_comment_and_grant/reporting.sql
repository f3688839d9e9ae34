-- test/model_cases/schema_comment_and_grant/reporting.sql: the model of schema reporting: the
-- statements of test/roundtrip/schema_comment_and_grant/b.sql about reporting, unchanged.
-- The schema holds no object: its model says only its comment and
-- privileges, which COMMENT ON SCHEMA and GRANT/REVOKE ON SCHEMA of the
-- model's own schema set on the shadow schema (docs/models.md).
COMMENT ON SCHEMA reporting IS 'Read-only reports';
GRANT USAGE ON SCHEMA reporting TO rt_reader;

-- test/model_cases/schema_comment_and_grant/staging.sql: the model of schema staging: the
-- statements of test/roundtrip/schema_comment_and_grant/b.sql about staging, unchanged.
-- The schema holds no object: its model says only its comment and
-- privileges, which COMMENT ON SCHEMA and GRANT/REVOKE ON SCHEMA of the
-- model's own schema set on the shadow schema (docs/models.md).
GRANT USAGE, CREATE ON SCHEMA staging TO rt_writer;

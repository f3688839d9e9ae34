CREATE SCHEMA reporting;
CREATE SCHEMA staging;
COMMENT ON SCHEMA reporting IS 'Read-only reports';
GRANT USAGE ON SCHEMA reporting TO rt_reader;
GRANT USAGE, CREATE ON SCHEMA staging TO rt_writer;
REVOKE USAGE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rt_admin;

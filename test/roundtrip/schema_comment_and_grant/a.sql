CREATE SCHEMA reporting;
CREATE SCHEMA staging;
COMMENT ON SCHEMA staging IS 'Raw imports';
GRANT USAGE ON SCHEMA staging TO rt_writer;

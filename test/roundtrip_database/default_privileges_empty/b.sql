-- Default privileges out of nothing: in a schema made with them, and
-- database-wide.
CREATE SCHEMA reports;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin IN SCHEMA reports GRANT SELECT ON TABLES TO rt_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin IN SCHEMA reports GRANT EXECUTE ON FUNCTIONS TO rt_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin REVOKE USAGE ON TYPES FROM PUBLIC;

-- Default privileges of the current role and of another one, in a schema
-- and database-wide; a table made under them.
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO rt_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin IN SCHEMA app GRANT USAGE ON SEQUENCES TO rt_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin GRANT UPDATE ON TABLES TO rt_writer WITH GRANT OPTION;
CREATE TABLE app.t (id integer);

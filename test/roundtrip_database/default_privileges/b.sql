-- One grant widened, one taken away, a grant option dropped, the role's
-- own privileges revoked, new ones on types and schemas; a table made
-- after the defaults changed.
CREATE SCHEMA app;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT, INSERT ON TABLES TO rt_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin GRANT UPDATE ON TABLES TO rt_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_admin REVOKE TRUNCATE ON TABLES FROM rt_admin;
ALTER DEFAULT PRIVILEGES GRANT USAGE ON TYPES TO rt_writer;
ALTER DEFAULT PRIVILEGES FOR ROLE rt_writer GRANT USAGE, CREATE ON SCHEMAS TO rt_reader;
CREATE TABLE app.t (id integer);
CREATE TABLE app.u (id integer);

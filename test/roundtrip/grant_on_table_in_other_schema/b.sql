CREATE SCHEMA app;
CREATE TABLE app.t (id int);
GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT SELECT ON app.t TO rt_reader;

CREATE SCHEMA app;
CREATE TABLE app.t (id int);
GRANT USAGE ON SCHEMA app TO rt_reader;

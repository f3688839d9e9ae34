CREATE TABLE users (id int, email text, password_hash text);
GRANT SELECT (id, email) ON users TO rt_reader;
GRANT UPDATE (email) ON users TO rt_writer;

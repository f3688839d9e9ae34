-- A wrapper, a server, a mapping and a foreign table in public out of nothing.
CREATE FOREIGN DATA WRAPPER dummy_fdw;
CREATE SERVER remote FOREIGN DATA WRAPPER dummy_fdw OPTIONS (host 'db.example');
CREATE USER MAPPING FOR rt_admin SERVER remote;
CREATE FOREIGN TABLE remote_users (id integer, name text) SERVER remote OPTIONS (table_name 'users');

CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT ALL ON t TO rt_admin;

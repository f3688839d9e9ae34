CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT TRUNCATE, TRIGGER ON t TO rt_admin;

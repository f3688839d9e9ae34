CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT SELECT, INSERT ON t TO rt_admin;

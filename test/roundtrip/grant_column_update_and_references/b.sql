CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
GRANT UPDATE (a, b), REFERENCES (id) ON t TO rt_writer;

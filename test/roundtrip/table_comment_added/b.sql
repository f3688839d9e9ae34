CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
COMMENT ON TABLE t IS 'the t table';

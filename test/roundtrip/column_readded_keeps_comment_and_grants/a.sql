CREATE TABLE t (id integer PRIMARY KEY, c uuid, note text);
COMMENT ON COLUMN t.c IS 'the key of the other system';
GRANT SELECT (c), UPDATE (c) ON t TO rt_reader;

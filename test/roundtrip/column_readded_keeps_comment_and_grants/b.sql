-- found by the random pairs (test/random/): a column whose type has no
-- conversion (uuid to bigint) is dropped and added again; its comment and
-- column privileges, the same in both versions, must be written again for
-- the new column
CREATE TABLE t (id integer PRIMARY KEY, c bigint, note text);
COMMENT ON COLUMN t.c IS 'the key of the other system';
GRANT SELECT (c), UPDATE (c) ON t TO rt_reader;

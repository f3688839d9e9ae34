-- found by the random pairs (test/random/): REVOKE SELECT ON TABLE also
-- revokes SELECT on every column, so the column grants that the target
-- keeps must be given again after a table-level REVOKE
CREATE TABLE t (id integer PRIMARY KEY, c1 integer, c2 text);
GRANT SELECT (c1), UPDATE (c2) ON t TO rt_writer;

CREATE TABLE t (id int, v text);
ALTER TABLE t ALTER COLUMN v SET (n_distinct = 100, n_distinct_inherited = -0.5);

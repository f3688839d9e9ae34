CREATE EXTENSION ltree;
CREATE TABLE cats (path ltree);
CREATE INDEX cats_path_idx ON cats USING gist (path gist_ltree_ops(siglen = 100));

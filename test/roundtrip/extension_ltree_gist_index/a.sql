CREATE EXTENSION ltree;
CREATE TABLE cats (path ltree);

-- family 15 of issue 14: the primary key is renamed, so the foreign key of
-- another table that uses it is dropped and added again; PostgreSQL binds
-- a new foreign key to the oldest unique index over the referenced column,
-- here p_id_idx, unless that index is made again after the foreign key
CREATE TABLE p (id integer CONSTRAINT p_key PRIMARY KEY, name text);
CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id));
CREATE UNIQUE INDEX p_id_idx ON p (id);

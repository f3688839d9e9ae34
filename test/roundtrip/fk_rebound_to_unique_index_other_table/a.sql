-- the foreign key of c uses the primary key of p, created before a unique
-- index on the same column
CREATE TABLE p (id integer CONSTRAINT p_pkey PRIMARY KEY, name text);
CREATE TABLE c (id integer PRIMARY KEY, p_id integer REFERENCES p (id));
CREATE UNIQUE INDEX p_id_idx ON p (id);

CREATE TABLE notes (
    id integer PRIMARY KEY,
    body text
);
-- the identity becomes a serial column: an owned sequence and a default
CREATE TABLE tags (
    id serial PRIMARY KEY,
    name text UNIQUE
);

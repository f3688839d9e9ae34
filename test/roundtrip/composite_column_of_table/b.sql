-- A table column of a composite type that gains an attribute.
CREATE TYPE addr AS (street text, city text, zip text);
CREATE TABLE people (id int, home addr);

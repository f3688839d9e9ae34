CREATE TYPE address AS (
    street text,
    city text,
    zip character varying(10)
);
CREATE TABLE addresses OF address (
    PRIMARY KEY (street, city)
);
CREATE TABLE people (
    id integer PRIMARY KEY,
    home address
);

CREATE TYPE address AS (
    street text,
    city text,
    zip character varying(10),
    country character(2)
);
CREATE TABLE people (
    id integer PRIMARY KEY,
    home address,
    work address
);
CREATE TABLE addresses (
    street text NOT NULL,
    city text NOT NULL,
    zip character varying(10),
    PRIMARY KEY (street, city)
);
CREATE TABLE shipping_addresses OF address (
    city WITH OPTIONS NOT NULL,
    country WITH OPTIONS DEFAULT 'DE'
);

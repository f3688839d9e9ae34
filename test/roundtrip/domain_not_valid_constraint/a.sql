CREATE DOMAIN percent AS numeric(5,2);
CREATE TABLE scores (
    id integer PRIMARY KEY,
    score percent
);

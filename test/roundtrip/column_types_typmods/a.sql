CREATE TABLE samples (
    id integer PRIMARY KEY
);

CREATE TABLE users (
    id integer NOT NULL PRIMARY KEY,
    login text NOT NULL
);
CREATE TABLE groups (
    id bigint NOT NULL PRIMARY KEY,
    name text
);

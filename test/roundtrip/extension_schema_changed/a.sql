CREATE SCHEMA ext;
CREATE EXTENSION citext SCHEMA ext;
CREATE EXTENSION cube;
CREATE TABLE users (
    id integer PRIMARY KEY,
    login ext.citext NOT NULL
);

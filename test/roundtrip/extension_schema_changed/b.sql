-- citext moves to public (it is relocatable), cube goes, seg comes in ext
CREATE SCHEMA ext;
CREATE EXTENSION citext;
CREATE EXTENSION seg SCHEMA ext;
CREATE TABLE users (
    id integer PRIMARY KEY,
    login citext NOT NULL,
    height ext.seg
);

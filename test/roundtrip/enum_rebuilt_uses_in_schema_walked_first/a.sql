CREATE SCHEMA a_app;
CREATE SCHEMA z_types;
CREATE TYPE z_types.status AS ENUM ('new', 'old', 'gone');
CREATE TABLE a_app.t (id int, s z_types.status, s2 z_types.status);

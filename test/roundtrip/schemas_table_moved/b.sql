-- A table moves from one schema to another (drop and create).
CREATE SCHEMA old;
CREATE SCHEMA new;
CREATE TABLE new.t (id int PRIMARY KEY, v text);

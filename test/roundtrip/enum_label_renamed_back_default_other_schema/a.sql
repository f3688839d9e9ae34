CREATE SCHEMA app;
CREATE SCHEMA app_s1;
CREATE SCHEMA app_s2;
CREATE TYPE app_s1.mood AS ENUM ('l0', 'l1', 'l2');
CREATE TABLE app_s2.t6 (id int, c2 app_s1.mood DEFAULT 'l1', CONSTRAINT t6_c2_key UNIQUE (c2));
CREATE TABLE app.t7 (id int, c4 app_s1.mood DEFAULT 'l1', c5 app_s1.mood);

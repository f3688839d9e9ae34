-- Shrunk from bench/soak (seed 416492983, batch 121, pair 41649298303047): a
-- label renamed while the defaults that use it go; the way back rebuilds the enum
-- and sets the default of a table in another schema before its column is
-- converted to the new type.
CREATE SCHEMA app;
CREATE SCHEMA app_s1;
CREATE SCHEMA app_s2;
CREATE TYPE app_s1.mood AS ENUM ('l0', 'l1_r', 'l2');
CREATE TABLE app_s2.t6 (id int, c2 app_s1.mood, CONSTRAINT t6_c2_key UNIQUE (c2));
CREATE TABLE app.t7 (id int, c4 app_s1.mood, c5 app_s1.mood);

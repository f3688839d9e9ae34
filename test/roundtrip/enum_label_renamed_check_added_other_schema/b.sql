-- found by the random pairs (test/random/): going back to a.sql replaces
-- label l1_r by l1, which rebuilds the enum of schema s1; the CHECK of a
-- table in schema a (sorted before s1) that compares m with 'l1' must be
-- added after m is converted to the new type, not while m still has the
-- old one ("operator does not exist: s1.mood_pgm_old <> s1.mood")
CREATE SCHEMA s1;
CREATE SCHEMA a;
CREATE TYPE s1.mood AS ENUM ('l0', 'l1_r');
CREATE TABLE a.t (id integer PRIMARY KEY, m s1.mood);

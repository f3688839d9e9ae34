CREATE SCHEMA "My Schema";
CREATE TABLE "My Schema"."Table ""One""" (id int, "Col.A" text);
CREATE TABLE t (id int);

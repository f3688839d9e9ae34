-- test/model_cases/awkward_names/setup.sql: run for real before the models
-- are set.  Statements of b.sql, unchanged: the schemas and the privilege
-- on "Weird Schema" (a model takes a schema's comment and privileges from
-- the live schema), and the objects the other schemas' models reference:
-- "select"."Posïtive" (by "Weird Schema"."Order"), "Weird Schema"."Order"
-- with its type and sequence (by public."user" and "select"."View ""Quoted""")
-- and public."user" (by that view).
CREATE SCHEMA "Weird Schema";
CREATE SCHEMA "select";
CREATE TYPE "Weird Schema"."Status Kind" AS ENUM ('it''s on', 'off "really"', 'ça va', 'back\slash', '');
CREATE DOMAIN "select"."Posïtive" AS integer CONSTRAINT "Must be > 0" CHECK (VALUE > 0);
CREATE SEQUENCE "Weird Schema"."Seq.With.Dots";
CREATE TABLE "Weird Schema"."Order" (
    "select" integer PRIMARY KEY,
    "Mixed Case" text NOT NULL DEFAULT 'Mixed ''n'' matched',
    "with""quote" text DEFAULT 'it''s',
    "ünïcødé" text DEFAULT 'naïve café — 日本語 🐘',
    "state" "Weird Schema"."Status Kind" DEFAULT 'it''s on',
    "$dollar" text DEFAULT $q$dollar $$ quoted$q$,
    "back\slash" text DEFAULT E'tab\there\\',
    "number" bigint DEFAULT nextval('"Weird Schema"."Seq.With.Dots"'),
    "Größe" "select"."Posïtive",
    CONSTRAINT "Check: Mixed Case not empty" CHECK ("Mixed Case" <> ''),
    CONSTRAINT "UNIQUE ""quoted"" key" UNIQUE ("with""quote", "ünïcødé")
);
CREATE TABLE "user" (
    "from" integer,
    "to" integer,
    "group" text,
    "order" integer REFERENCES "Weird Schema"."Order" ("select") ON DELETE CASCADE,
    "CamelCase" boolean DEFAULT true
);
GRANT USAGE ON SCHEMA "Weird Schema" TO rt_reader;

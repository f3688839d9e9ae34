CREATE SCHEMA "Weird Schema";
CREATE TABLE "Weird Schema"."Order" (
    "select" integer PRIMARY KEY,
    "Mixed Case" text,
    "with""quote" text DEFAULT 'it''s',
    "ünïcødé" text DEFAULT 'naïve café — 日本語'
);
CREATE TABLE "user" (
    "from" integer,
    "to" integer,
    "group" text
);

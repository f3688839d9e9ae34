-- identifiers that need quoting everywhere a diff writes them: spaces,
-- upper case, reserved words, double quotes, unicode, a dot, a dollar
-- sign; string literals with quotes, backslashes, dollar quotes, unicode
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
CREATE INDEX "Index With Spaces" ON "Weird Schema"."Order" (lower("Mixed Case")) WHERE "state" <> 'off "really"';
CREATE INDEX "日本語の索引" ON "Weird Schema"."Order" ("ünïcødé");
CREATE TABLE "user" (
    "from" integer,
    "to" integer,
    "group" text,
    "order" integer REFERENCES "Weird Schema"."Order" ("select") ON DELETE CASCADE,
    "CamelCase" boolean DEFAULT true
);
CREATE VIEW "select"."View ""Quoted""" AS
    SELECT o."select" AS "Select", o."Mixed Case", u."from" AS "from here", 'literal ''with'' quotes'::text AS "Lit"
      FROM "Weird Schema"."Order" o JOIN "user" u ON u."order" = o."select";
CREATE FUNCTION "Weird Schema"."Func-Name"("arg one" integer, "Arg Two" text DEFAULT 'd''efault') RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $body$SELECT "Arg Two" || ' $$ ' || "arg one"$body$;
CREATE FUNCTION "Weird Schema"."Trigger Fn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."Mixed Case" := coalesce(NEW."Mixed Case", 'défaut');
    RETURN NEW;
END
$$;
CREATE TRIGGER "Before Insert ""Order""" BEFORE INSERT ON "Weird Schema"."Order"
    FOR EACH ROW EXECUTE FUNCTION "Weird Schema"."Trigger Fn"();
ALTER TABLE "user" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Policy: only ""mine""" ON "user" USING ("group" = 'ÜBER');
COMMENT ON TABLE "Weird Schema"."Order" IS 'Comment with ''quotes'', "double quotes", \backslash, $$dollars$$ and ünïcødé';
COMMENT ON COLUMN "user"."from" IS E'multi\nline\ncomment';
GRANT SELECT ("Mixed Case", "ünïcødé") ON "Weird Schema"."Order" TO rt_reader;
GRANT USAGE ON SCHEMA "Weird Schema" TO rt_reader;

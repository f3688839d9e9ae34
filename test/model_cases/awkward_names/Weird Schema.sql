-- test/model_cases/awkward_names/Weird Schema.sql: the model of schema "Weird Schema": the statements of
-- test/roundtrip/awkward_names/b.sql that define objects of "Weird Schema", in b.sql's order,
-- with "Weird Schema". left out of the names of its own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- identifiers that need quoting everywhere a diff writes them: spaces,
-- upper case, reserved words, double quotes, unicode, a dot, a dollar
-- sign; string literals with quotes, backslashes, dollar quotes, unicode
CREATE TYPE "Status Kind" AS ENUM ('it''s on', 'off "really"', 'ça va', 'back\slash', '');
CREATE SEQUENCE "Seq.With.Dots";
CREATE TABLE "Order" (
    "select" integer PRIMARY KEY,
    "Mixed Case" text NOT NULL DEFAULT 'Mixed ''n'' matched',
    "with""quote" text DEFAULT 'it''s',
    "ünïcødé" text DEFAULT 'naïve café — 日本語 🐘',
    "state" "Status Kind" DEFAULT 'it''s on',
    "$dollar" text DEFAULT $q$dollar $$ quoted$q$,
    "back\slash" text DEFAULT E'tab\there\\',
    "number" bigint DEFAULT nextval('"Seq.With.Dots"'),
    "Größe" "select"."Posïtive",
    CONSTRAINT "Check: Mixed Case not empty" CHECK ("Mixed Case" <> ''),
    CONSTRAINT "UNIQUE ""quoted"" key" UNIQUE ("with""quote", "ünïcødé")
);
CREATE INDEX "Index With Spaces" ON "Order" (lower("Mixed Case")) WHERE "state" <> 'off "really"';
CREATE INDEX "日本語の索引" ON "Order" ("ünïcødé");
CREATE FUNCTION "Func-Name"("arg one" integer, "Arg Two" text DEFAULT 'd''efault') RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $body$SELECT "Arg Two" || ' $$ ' || "arg one"$body$;
CREATE FUNCTION "Trigger Fn"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."Mixed Case" := coalesce(NEW."Mixed Case", 'défaut');
    RETURN NEW;
END
$$;
CREATE TRIGGER "Before Insert ""Order""" BEFORE INSERT ON "Order"
    FOR EACH ROW EXECUTE FUNCTION "Trigger Fn"();
COMMENT ON TABLE "Order" IS 'Comment with ''quotes'', "double quotes", \backslash, $$dollars$$ and ünïcødé';
GRANT SELECT ("Mixed Case", "ünïcødé") ON "Order" TO rt_reader;

-- test/model_cases/awkward_names/public.sql: the model of schema public: the statements of
-- test/roundtrip/awkward_names/b.sql that define objects of public, in b.sql's order,
-- with "public." left out of the names of public's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TABLE "user" (
    "from" integer,
    "to" integer,
    "group" text,
    "order" integer REFERENCES "Weird Schema"."Order" ("select") ON DELETE CASCADE,
    "CamelCase" boolean DEFAULT true
);
ALTER TABLE "user" ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Policy: only ""mine""" ON "user" USING ("group" = 'ÜBER');
COMMENT ON COLUMN "user"."from" IS E'multi\nline\ncomment';

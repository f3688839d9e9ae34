-- test/model_cases/awkward_names/select.sql: the model of schema "select": the statements of
-- test/roundtrip/awkward_names/b.sql that define objects of "select", in b.sql's order,
-- with "select". left out of the names of its own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- Except: the view's "user", which b.sql names unqualified and
-- PostgreSQL finds in public through the search_path, is written
-- public."user" (the model of "select" runs with a search_path of the
-- shadow schema, "select" and pg_catalog).
CREATE DOMAIN "Posïtive" AS integer CONSTRAINT "Must be > 0" CHECK (VALUE > 0);
CREATE VIEW "View ""Quoted""" AS
    SELECT o."select" AS "Select", o."Mixed Case", u."from" AS "from here", 'literal ''with'' quotes'::text AS "Lit"
      FROM "Weird Schema"."Order" o JOIN public."user" u ON u."order" = o."select";

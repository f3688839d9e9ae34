-- test/model_cases/extension_schema_changed/public.sql: the model of schema public: the statements of
-- test/roundtrip/extension_schema_changed/b.sql that define objects of public, in b.sql's order,
-- with "public." left out of the names of public's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- Except: CREATE SCHEMA ext is left out (setup.sql runs it: a model refuses it);
-- the CREATE EXTENSION statements are kept (extensions installed by
-- setup.sql are skipped by migrate_model_set).
-- citext moves to public (it is relocatable), cube goes, seg comes in ext
CREATE EXTENSION citext;
CREATE EXTENSION seg SCHEMA ext;
CREATE TABLE users (
    id integer PRIMARY KEY,
    login citext NOT NULL,
    height ext.seg
);

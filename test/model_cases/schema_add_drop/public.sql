-- test/model_cases/schema_add_drop/public.sql: the model of schema public: the statements of
-- test/roundtrip/schema_add_drop/b.sql that define objects of public, in b.sql's order,
-- with "public." left out of the names of public's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- one schema (with what is in it) dropped, one created
CREATE TABLE users (
    id integer PRIMARY KEY
);

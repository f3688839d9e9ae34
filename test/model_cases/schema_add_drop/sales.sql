-- test/model_cases/schema_add_drop/sales.sql: the model of schema sales: the statements of
-- test/roundtrip/schema_add_drop/b.sql that define objects of sales, in b.sql's order,
-- with "sales." left out of the names of sales's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TABLE leads (
    id integer PRIMARY KEY,
    user_id integer REFERENCES public.users (id)
);

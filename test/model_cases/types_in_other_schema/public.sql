-- test/model_cases/types_in_other_schema/public.sql: the model of schema public: the statements of
-- test/roundtrip/types_in_other_schema/b.sql that define objects of public, in b.sql's order,
-- with "public." left out of the names of public's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TABLE stores (
    id integer PRIMARY KEY,
    status common.status NOT NULL DEFAULT 'active',
    country common.iso_country,
    shop_status shop.status
);

-- test/model_cases/types_in_other_schema/shop.sql: the model of schema shop: the statements of
-- test/roundtrip/types_in_other_schema/b.sql that define objects of shop, in b.sql's order,
-- with "shop." left out of the names of shop's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TYPE status AS ENUM ('open', 'closed');
CREATE TABLE stores (
    id integer PRIMARY KEY,
    status status,
    global_status common.status
);

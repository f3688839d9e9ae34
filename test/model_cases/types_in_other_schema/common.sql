-- test/model_cases/types_in_other_schema/common.sql: the model of schema common: the statements of
-- test/roundtrip/types_in_other_schema/b.sql that define objects of common, in b.sql's order,
-- with "common." left out of the names of common's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
CREATE TYPE status AS ENUM ('active', 'inactive', 'archived');
CREATE DOMAIN iso_country AS character(2) CHECK (VALUE ~ '^[A-Z]{2}$');

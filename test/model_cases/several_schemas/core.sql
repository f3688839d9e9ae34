-- test/model_cases/several_schemas/core.sql: the model of schema core: the statements of
-- test/roundtrip/several_schemas/b.sql that define objects of core, in b.sql's order,
-- with "core." left out of the names of core's own objects (function
-- bodies are kept as written: they are text).  Nothing else is changed.
-- objects of one schema used from the others: foreign keys, types,
-- functions, views, sequences, triggers, policies across schemas
CREATE TYPE tier AS ENUM ('bronze', 'silver', 'gold');
CREATE SEQUENCE global_ids;
CREATE FUNCTION next_id() RETURNS bigint LANGUAGE sql
    AS $$SELECT nextval('core.global_ids')$$;
CREATE FUNCTION is_vip(tier) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$SELECT $1 = 'gold'$$;
CREATE TABLE accounts (
    id bigint PRIMARY KEY DEFAULT next_id(),
    name text NOT NULL,
    tier tier NOT NULL DEFAULT 'bronze'
);

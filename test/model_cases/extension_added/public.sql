-- test/model_cases/extension_added: the model of public, b.sql unchanged (its CREATE
-- EXTENSION of the extensions setup.sql installed are skipped).
-- extensions before the columns, indexes and functions that use them
CREATE EXTENSION hstore;
CREATE EXTENSION citext;
CREATE TABLE settings (
    id integer PRIMARY KEY,
    data hstore,
    name citext UNIQUE
);
CREATE INDEX settings_data_idx ON settings USING gin (data);
CREATE FUNCTION setting(s settings, key text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$SELECT s.data -> key$$;

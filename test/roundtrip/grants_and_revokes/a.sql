CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    secret text
);
CREATE SEQUENCE app.order_ids;
CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders;
CREATE FUNCTION app.order_count() RETURNS bigint LANGUAGE sql AS $$SELECT count(*) FROM app.orders$$;
CREATE TYPE app.state AS ENUM ('a', 'b');
CREATE DOMAIN app.amount AS numeric;

GRANT USAGE ON SCHEMA app TO rt_reader;
GRANT SELECT ON app.orders TO rt_reader;
GRANT SELECT, INSERT, UPDATE ON app.orders TO rt_writer;
GRANT USAGE ON SEQUENCE app.order_ids TO rt_writer;

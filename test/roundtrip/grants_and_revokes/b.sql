CREATE SCHEMA app;
CREATE TABLE app.orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    secret text
);
CREATE SEQUENCE app.order_ids;
CREATE VIEW app.order_totals AS SELECT id, total FROM app.orders;
CREATE MATERIALIZED VIEW app.order_stats AS SELECT count(*) AS n FROM app.orders;
CREATE FUNCTION app.order_count() RETURNS bigint LANGUAGE sql AS $$SELECT count(*) FROM app.orders$$;
CREATE TYPE app.state AS ENUM ('a', 'b');
CREATE DOMAIN app.amount AS numeric;

-- schema, table, column, sequence, view, materialized view, function,
-- type and domain privileges; grant options; the PUBLIC defaults revoked
GRANT USAGE, CREATE ON SCHEMA app TO rt_admin WITH GRANT OPTION;
GRANT USAGE ON SCHEMA app TO rt_reader, rt_writer;
GRANT USAGE ON SCHEMA public TO rt_reader;
GRANT SELECT (id, customer, total) ON app.orders TO rt_reader;
GRANT UPDATE (total) ON app.orders TO rt_writer;
GRANT SELECT, INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON app.orders TO rt_writer;
GRANT ALL ON app.orders TO rt_admin WITH GRANT OPTION;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE app.order_ids TO rt_writer;
GRANT SELECT ON app.order_totals TO PUBLIC;
GRANT SELECT ON app.order_stats TO rt_reader;
REVOKE EXECUTE ON FUNCTION app.order_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.order_count() TO rt_reader;
REVOKE USAGE ON TYPE app.state FROM PUBLIC;
GRANT USAGE ON TYPE app.state TO rt_writer;
REVOKE USAGE ON DOMAIN app.amount FROM PUBLIC;

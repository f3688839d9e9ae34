-- test/model_cases/grants_and_revokes/app.sql: the model of schema app: the statements of
-- test/roundtrip/grants_and_revokes/b.sql that define objects of app, in b.sql's order,
-- with "app." left out of the names of app's own objects (function
-- bodies are kept as written: they are text), and b.sql's GRANTs on schema app,
-- which set the privileges of the model's schema.  Nothing else is changed.
GRANT USAGE, CREATE ON SCHEMA app TO rt_admin WITH GRANT OPTION;
GRANT USAGE ON SCHEMA app TO rt_reader, rt_writer;
CREATE TABLE orders (
    id integer PRIMARY KEY,
    customer text,
    total numeric,
    secret text
);
CREATE SEQUENCE order_ids;
CREATE VIEW order_totals AS SELECT id, total FROM orders;
CREATE MATERIALIZED VIEW order_stats AS SELECT count(*) AS n FROM orders;
CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$SELECT count(*) FROM app.orders$$;
CREATE TYPE state AS ENUM ('a', 'b');
CREATE DOMAIN amount AS numeric;

-- schema, table, column, sequence, view, materialized view, function,
-- type and domain privileges; grant options; the PUBLIC defaults revoked
GRANT SELECT (id, customer, total) ON orders TO rt_reader;
GRANT UPDATE (total) ON orders TO rt_writer;
GRANT SELECT, INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER ON orders TO rt_writer;
GRANT ALL ON orders TO rt_admin WITH GRANT OPTION;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE order_ids TO rt_writer;
GRANT SELECT ON order_totals TO PUBLIC;
GRANT SELECT ON order_stats TO rt_reader;
REVOKE EXECUTE ON FUNCTION order_count() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION order_count() TO rt_reader;
REVOKE USAGE ON TYPE state FROM PUBLIC;
GRANT USAGE ON TYPE state TO rt_writer;
REVOKE USAGE ON DOMAIN amount FROM PUBLIC;

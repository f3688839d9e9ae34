-- Publications of tables (with a column list and a row filter), of a
-- schema and of all tables; event triggers, one limited to some tags and
-- one disabled.
CREATE SCHEMA shop;
CREATE SCHEMA audit;
CREATE TABLE shop.orders (id integer PRIMARY KEY, total numeric, status text);
CREATE TABLE shop.customers (id integer PRIMARY KEY, email text);
CREATE TABLE audit.events (id bigint PRIMARY KEY, body text);
CREATE PUBLICATION orders_pub FOR TABLE shop.orders (id, status) WHERE (status <> 'draft'), shop.customers
    WITH (publish = 'insert, update');
COMMENT ON PUBLICATION orders_pub IS 'orders to the warehouse';
CREATE PUBLICATION audit_pub FOR TABLES IN SCHEMA audit;
CREATE PUBLICATION everything FOR ALL TABLES;
CREATE FUNCTION audit.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
CREATE EVENT TRIGGER note_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
    EXECUTE FUNCTION audit.note_ddl();
CREATE EVENT TRIGGER note_drops ON sql_drop EXECUTE FUNCTION audit.note_ddl();
ALTER EVENT TRIGGER note_drops DISABLE;

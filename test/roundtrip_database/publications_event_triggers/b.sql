-- orders_pub's tables, filter and options changed in place, audit_pub now
-- publishes a table instead of the schema, everything gone, the tag list
-- of note_ddl changed (made again), note_drops enabled.
CREATE SCHEMA shop;
CREATE SCHEMA audit;
CREATE TABLE shop.orders (id integer PRIMARY KEY, total numeric, status text);
CREATE TABLE shop.customers (id integer PRIMARY KEY, email text);
CREATE TABLE audit.events (id bigint PRIMARY KEY, body text);
CREATE PUBLICATION orders_pub FOR TABLE shop.orders WHERE (total > 0)
    WITH (publish = 'insert, update, delete', publish_via_partition_root = true);
COMMENT ON PUBLICATION orders_pub IS 'orders to the warehouse';
CREATE PUBLICATION audit_pub FOR TABLE audit.events;
CREATE FUNCTION audit.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
CREATE EVENT TRIGGER note_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE')
    EXECUTE FUNCTION audit.note_ddl();
CREATE EVENT TRIGGER note_drops ON sql_drop EXECUTE FUNCTION audit.note_ddl();

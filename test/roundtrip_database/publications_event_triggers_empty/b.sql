-- A publication and an event trigger out of nothing, with what they use.
CREATE TABLE items (id integer PRIMARY KEY, name text);
CREATE PUBLICATION items_pub FOR TABLE items (id, name);
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN NULL; END$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_start EXECUTE FUNCTION log_ddl();
ALTER EVENT TRIGGER log_ddl ENABLE ALWAYS;

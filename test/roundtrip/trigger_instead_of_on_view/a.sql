CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE VIEW v AS SELECT id, a FROM t;

CREATE SEQUENCE inv_seq;
CREATE FUNCTION inv_no() RETURNS text LANGUAGE sql AS $$SELECT 'INV-' || lpad(nextval('inv_seq')::text, 6, '0')$$;
CREATE TABLE inv (no text DEFAULT inv_no() NOT NULL);

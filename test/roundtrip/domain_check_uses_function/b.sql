CREATE FUNCTION is_slug(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT s ~ '^[a-z0-9-]+$'$$;
CREATE DOMAIN slug AS text CONSTRAINT slug_check CHECK (is_slug(VALUE));

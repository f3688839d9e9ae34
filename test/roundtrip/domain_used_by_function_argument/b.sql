CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE FUNCTION twice(p posint) RETURNS integer LANGUAGE sql AS $$SELECT p * 2$$;

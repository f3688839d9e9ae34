CREATE SCHEMA types;
CREATE DOMAIN types.cents AS bigint;
CREATE FUNCTION to_cents(eur numeric) RETURNS types.cents LANGUAGE sql IMMUTABLE AS $$SELECT (eur * 100)::bigint$$;

-- test/model_cases/domain_in_other_schema_used_by_function/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA types;
CREATE DOMAIN types.cents AS bigint;
CREATE FUNCTION to_cents(eur numeric) RETURNS types.cents LANGUAGE sql IMMUTABLE AS $$SELECT (eur * 100)::bigint$$;

-- test/model_cases/domain_in_other_schema_used_by_function/public.sql: the model of schema public: the statements of
-- test/roundtrip/domain_in_other_schema_used_by_function/b.sql that define its objects, its own qualification left out.
CREATE FUNCTION to_cents(eur numeric) RETURNS types.cents LANGUAGE sql IMMUTABLE AS $$SELECT (eur * 100)::bigint$$;

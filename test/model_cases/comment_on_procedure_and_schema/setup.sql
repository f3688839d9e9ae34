-- test/model_cases/comment_on_procedure_and_schema/setup.sql: b.sql whole, run for real before the models are set
-- (the extensions and schemas a model cannot create, and the objects that
-- one schema's model references in another).
CREATE SCHEMA ops;
CREATE PROCEDURE ops.noop() LANGUAGE sql AS $$SELECT 1$$;
COMMENT ON SCHEMA ops IS 'operations';
COMMENT ON PROCEDURE ops.noop() IS 'does nothing';

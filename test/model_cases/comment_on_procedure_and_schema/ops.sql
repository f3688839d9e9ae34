-- test/model_cases/comment_on_procedure_and_schema/ops.sql: the model of schema ops: the statements of
-- test/roundtrip/comment_on_procedure_and_schema/b.sql that define its objects, its own qualification left out.
CREATE PROCEDURE noop() LANGUAGE sql AS $$SELECT 1$$;
COMMENT ON SCHEMA ops IS 'operations';
COMMENT ON PROCEDURE noop() IS 'does nothing';

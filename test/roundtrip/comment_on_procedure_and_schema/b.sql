CREATE SCHEMA ops;
CREATE PROCEDURE ops.noop() LANGUAGE sql AS $$SELECT 1$$;
COMMENT ON SCHEMA ops IS 'operations';
COMMENT ON PROCEDURE ops.noop() IS 'does nothing';

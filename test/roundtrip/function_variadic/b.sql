CREATE FUNCTION f(VARIADIC integer[]) RETURNS integer LANGUAGE sql AS $$SELECT cardinality($1)$$;

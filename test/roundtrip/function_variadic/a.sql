CREATE FUNCTION f(integer[]) RETURNS integer LANGUAGE sql AS $$SELECT cardinality($1)$$;

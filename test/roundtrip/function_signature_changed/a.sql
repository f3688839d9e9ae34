CREATE FUNCTION area(w integer, h integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$SELECT w * h$$;
CREATE FUNCTION area(r double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE
    AS $$SELECT pi() * r * r$$;
CREATE FUNCTION label(id integer, prefix text DEFAULT 'item') RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT prefix || '-' || id$$;
CREATE FUNCTION pairs(n integer) RETURNS TABLE(i integer, sq integer)
    LANGUAGE sql IMMUTABLE
    AS $$SELECT g, g * g FROM generate_series(1, n) AS g$$;
CREATE FUNCTION split_name(full_name text, OUT first text, OUT last text)
    LANGUAGE sql IMMUTABLE
    AS $$SELECT split_part(full_name, ' ', 1), split_part(full_name, ' ', 2)$$;

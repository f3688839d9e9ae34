-- overloads added and removed, result type changed, argument names and
-- defaults changed, OUT parameters changed
CREATE FUNCTION area(w numeric, h numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT w * h$$;
CREATE FUNCTION area(r double precision) RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT (pi() * r * r)::numeric$$;
CREATE FUNCTION label(item_id integer, prefix text DEFAULT 'thing', suffix text DEFAULT '') RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$SELECT prefix || '-' || item_id || suffix$$;
CREATE FUNCTION pairs(n integer) RETURNS TABLE(i integer, sq bigint, cube bigint)
    LANGUAGE sql IMMUTABLE
    AS $$SELECT g, g::bigint * g, g::bigint * g * g FROM generate_series(1, n) AS g$$;
CREATE FUNCTION split_name(full_name text, OUT first text, OUT middle text, OUT last text)
    LANGUAGE sql IMMUTABLE
    AS $$SELECT split_part(full_name, ' ', 1), NULL::text, split_part(full_name, ' ', 2)$$;
CREATE FUNCTION sum_all(VARIADIC nums integer[]) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$SELECT sum(x)::integer FROM unnest(nums) AS x$$;

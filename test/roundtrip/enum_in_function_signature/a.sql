CREATE TYPE status AS ENUM ('open', 'closed');
CREATE FUNCTION is_open(s status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT s = 'open'$$;

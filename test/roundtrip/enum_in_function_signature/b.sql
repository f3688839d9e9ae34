CREATE TYPE status AS ENUM ('open', 'closed', 'archived');
CREATE FUNCTION is_open(s status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT s = 'open'$$;
CREATE FUNCTION is_gone(s status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT s = 'archived'$$;

CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$SELECT 'C-' || floor(random() * 1000)::int$$;
CREATE TABLE a (code text DEFAULT next_code());
CREATE TABLE b (code text DEFAULT next_code());

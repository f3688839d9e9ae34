CREATE FUNCTION next_code(prefix text DEFAULT 'C-') RETURNS text LANGUAGE sql AS $$SELECT prefix || floor(random() * 1000)::int$$;
CREATE TABLE a (code text DEFAULT next_code());
CREATE TABLE b (code text DEFAULT next_code('B-'));

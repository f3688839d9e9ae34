CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(s)$$;
CREATE TABLE t (id int, name text);
CREATE INDEX t_norm_idx ON t (norm(name));

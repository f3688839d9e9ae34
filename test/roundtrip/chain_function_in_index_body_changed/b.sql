-- The IMMUTABLE function of an expression index changes its body: the index is rebuilt.
CREATE FUNCTION norm(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$SELECT lower(trim(s))$$;
CREATE TABLE t (id int, name text);
CREATE INDEX t_norm_idx ON t (norm(name));

-- A function used by a CHECK gets another argument type.
CREATE FUNCTION positive(n bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT n > 0$$;
CREATE TABLE t (id int, q int CONSTRAINT t_q_check CHECK (positive(q)));

CREATE FUNCTION positive(n int) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT n > 0$$;
CREATE TABLE t (id int, q int CONSTRAINT t_q_check CHECK (positive(q)));

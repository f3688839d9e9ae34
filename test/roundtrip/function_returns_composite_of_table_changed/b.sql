-- A function returning a table's row type while the table gains a column.
CREATE TABLE t (id int, v text, w int);
CREATE FUNCTION first_t() RETURNS t LANGUAGE sql STABLE AS $$SELECT * FROM t LIMIT 1$$;

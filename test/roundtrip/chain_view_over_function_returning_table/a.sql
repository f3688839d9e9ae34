CREATE TABLE t (id int, v text);
CREATE FUNCTION rows_of_t() RETURNS SETOF t LANGUAGE sql STABLE AS $$SELECT * FROM t$$;
CREATE VIEW all_t AS SELECT id FROM rows_of_t();

CREATE SCHEMA util;
CREATE FUNCTION util.today_text() RETURNS text LANGUAGE sql STABLE AS $$SELECT current_date::text$$;
CREATE TABLE t (id int);

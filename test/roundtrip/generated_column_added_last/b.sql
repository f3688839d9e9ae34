CREATE TABLE t (id int, first text, last text, full_name text GENERATED ALWAYS AS (first || ' ' || last) STORED);

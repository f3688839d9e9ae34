CREATE TABLE t (id int, doc jsonb);

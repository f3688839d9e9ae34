CREATE TABLE t (id int, payload jsonb);

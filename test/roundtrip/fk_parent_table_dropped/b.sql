CREATE TABLE c (id integer PRIMARY KEY, p_id integer);

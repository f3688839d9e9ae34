CREATE TABLE t (id integer, a text, CONSTRAINT t_pkey PRIMARY KEY (id) INCLUDE (a) WITH (fillfactor=80));

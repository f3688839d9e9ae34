CREATE TABLE t (id integer, a text, CONSTRAINT t_pkey PRIMARY KEY (id));

CREATE TABLE t (id integer NOT NULL, a text, CONSTRAINT t_pkey PRIMARY KEY (id));

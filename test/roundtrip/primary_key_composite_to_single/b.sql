CREATE TABLE t (a integer, b integer NOT NULL, CONSTRAINT t_pkey PRIMARY KEY (a));

CREATE TABLE t (a integer, b integer, CONSTRAINT t_pkey PRIMARY KEY (a, b));

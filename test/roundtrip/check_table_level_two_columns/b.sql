CREATE TABLE t (starts date, ends date, CONSTRAINT t_period CHECK (ends > starts));

CREATE TABLE t (n int CONSTRAINT n_positive CHECK (n > 0));

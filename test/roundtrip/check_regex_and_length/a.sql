CREATE TABLE t (id integer PRIMARY KEY, code text CHECK (length(code) = 3));

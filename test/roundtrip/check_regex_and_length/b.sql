CREATE TABLE t (id integer PRIMARY KEY, code text CHECK (code ~ '^[A-Z]{3}$'));

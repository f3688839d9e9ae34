CREATE TABLE t (id integer PRIMARY KEY, qty numeric(10,2) CHECK (qty > 0));

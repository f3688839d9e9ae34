CREATE TABLE t (id integer PRIMARY KEY, b text);
CREATE INDEX t_b ON t USING spgist (b);

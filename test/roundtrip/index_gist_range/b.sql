CREATE TABLE t (id integer PRIMARY KEY, during tstzrange);
CREATE INDEX t_during ON t USING gist (during);

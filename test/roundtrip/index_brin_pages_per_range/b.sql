CREATE TABLE t (id integer PRIMARY KEY, at timestamptz);
CREATE INDEX t_at ON t USING brin (at) WITH (pages_per_range=32);

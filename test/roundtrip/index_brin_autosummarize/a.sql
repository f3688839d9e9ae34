CREATE TABLE t (at timestamptz);
CREATE INDEX t_at_brin ON t USING brin (at);

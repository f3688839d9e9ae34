CREATE TABLE t (at timestamptz);
CREATE INDEX t_at_brin ON t USING brin (at) WITH (autosummarize = on, pages_per_range = 32);

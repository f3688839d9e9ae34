-- metrics_2024 is now a table of its own, metrics_archive a partition
CREATE TABLE metrics (
    name text NOT NULL,
    day date NOT NULL,
    v double precision
) PARTITION BY RANGE (day);
CREATE TABLE metrics_2024 (
    name text NOT NULL,
    day date NOT NULL,
    v double precision
);
CREATE TABLE metrics_archive PARTITION OF metrics FOR VALUES FROM (MINVALUE) TO ('2024-01-01');

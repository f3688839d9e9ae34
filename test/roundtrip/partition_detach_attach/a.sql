CREATE TABLE metrics (
    name text NOT NULL,
    day date NOT NULL,
    v double precision
) PARTITION BY RANGE (day);
CREATE TABLE metrics_2024 PARTITION OF metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE metrics_archive (
    name text NOT NULL,
    day date NOT NULL,
    v double precision
);

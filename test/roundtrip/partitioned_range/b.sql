CREATE TABLE readings (
    sensor_id integer NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    value numeric(10,3),
    quality smallint
) PARTITION BY RANGE (taken_at);

CREATE TABLE readings_2024 PARTITION OF readings
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE readings_2025 PARTITION OF readings
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE readings_other PARTITION OF readings DEFAULT;

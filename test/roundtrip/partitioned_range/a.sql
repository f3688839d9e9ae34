CREATE TABLE readings (
    sensor_id integer NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    value numeric(10,3)
) PARTITION BY RANGE (taken_at);

CREATE TABLE readings_2023 PARTITION OF readings
    FOR VALUES FROM ('2023-01-01 00:00:00+00') TO ('2024-01-01 00:00:00+00');
CREATE TABLE readings_2024 PARTITION OF readings
    FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2025-01-01 00:00:00+00');
CREATE TABLE readings_old PARTITION OF readings
    FOR VALUES FROM (MINVALUE) TO ('2023-01-01 00:00:00+00');

CREATE TABLE measurements (
    id bigint PRIMARY KEY,
    taken_at timestamp with time zone NOT NULL,
    unit text NOT NULL DEFAULT 'C',
    sensor text NOT NULL,
    value double precision
);
CREATE INDEX measurements_sensor_taken_at_idx ON measurements (sensor, taken_at);

-- the same columns in another order: only a rebuild of the table gives it
CREATE TABLE measurements (
    id bigint PRIMARY KEY,
    sensor text NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    value double precision
);
CREATE INDEX measurements_sensor_taken_at_idx ON measurements (sensor, taken_at);

CREATE TABLE vehicles (
    id integer NOT NULL,
    plate text NOT NULL,
    wheels integer NOT NULL DEFAULT 4,
    CONSTRAINT vehicles_wheels_check CHECK (wheels > 0)
);

CREATE TABLE cars (
    seats integer NOT NULL DEFAULT 5
) INHERITS (vehicles);

CREATE TABLE trucks (
    payload_kg integer,
    plate text NOT NULL
) INHERITS (vehicles);

CREATE INDEX cars_plate_idx ON cars (plate);

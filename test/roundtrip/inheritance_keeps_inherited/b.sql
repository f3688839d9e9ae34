-- a column and constraints added to the parent reach the children; the
-- children keep their own columns (trucks.plate is both local and inherited)
CREATE TABLE vehicles (
    id integer NOT NULL,
    plate text NOT NULL,
    wheels integer NOT NULL DEFAULT 4,
    registered_on date,
    CONSTRAINT vehicles_wheels_check CHECK (wheels > 0),
    CONSTRAINT vehicles_plate_check CHECK (plate <> ''),
    CONSTRAINT vehicles_only_check CHECK (id > 0) NO INHERIT
);

CREATE TABLE cars (
    seats integer NOT NULL DEFAULT 5,
    CONSTRAINT cars_seats_check CHECK (seats BETWEEN 1 AND 9)
) INHERITS (vehicles);

CREATE TABLE trucks (
    payload_kg integer,
    plate text NOT NULL
) INHERITS (vehicles);

CREATE TABLE bikes () INHERITS (vehicles);

CREATE INDEX cars_plate_idx ON cars (plate);

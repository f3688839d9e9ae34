CREATE TABLE rectangles (
    id integer PRIMARY KEY,
    width double precision NOT NULL,
    height double precision NOT NULL,
    area double precision GENERATED ALWAYS AS (width * height) STORED
);

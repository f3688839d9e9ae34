CREATE TABLE rectangles (
    id integer PRIMARY KEY,
    width double precision NOT NULL,
    height double precision NOT NULL,
    area double precision GENERATED ALWAYS AS (width * height / 2) STORED,
    perimeter double precision GENERATED ALWAYS AS (2 * (width + height)) STORED
);
CREATE INDEX rectangles_area_idx ON rectangles (area);

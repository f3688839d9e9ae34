CREATE TABLE parts (
    id serial PRIMARY KEY,
    width integer NOT NULL,
    height integer NOT NULL,
    area integer GENERATED ALWAYS AS (width * height) STORED,
    perimeter integer
);

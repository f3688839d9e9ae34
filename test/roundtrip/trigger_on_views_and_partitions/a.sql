CREATE TABLE measurements (
    city text NOT NULL,
    at date NOT NULL,
    temp numeric
) PARTITION BY LIST (city);
CREATE TABLE measurements_berlin PARTITION OF measurements FOR VALUES IN ('Berlin');
CREATE TABLE measurements_paris PARTITION OF measurements FOR VALUES IN ('Paris');
CREATE VIEW berlin AS SELECT at, temp FROM measurements WHERE city = 'Berlin';

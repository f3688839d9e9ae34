-- the unique constraint the foreign keys reference is rebuilt (with an
-- INCLUDE column and a fillfactor): both foreign keys depend on its index
CREATE TABLE countries (
    id integer PRIMARY KEY,
    iso2 character(2) NOT NULL,
    CONSTRAINT countries_iso2_key UNIQUE (iso2) INCLUDE (id) WITH (fillfactor = 80)
);
CREATE TABLE cities (
    id integer PRIMARY KEY,
    country character(2) NOT NULL REFERENCES countries (iso2) ON UPDATE CASCADE,
    name text NOT NULL
);
CREATE TABLE airports (
    code character(3) PRIMARY KEY,
    country character(2) REFERENCES countries (iso2)
);

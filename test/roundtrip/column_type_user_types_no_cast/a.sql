CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE feeling AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 20);
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE people (
    id integer PRIMARY KEY,
    m mood,
    n mood,
    label short_text,
    amount integer,
    status text
);

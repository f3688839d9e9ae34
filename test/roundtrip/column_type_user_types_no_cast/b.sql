-- column types changed between user types with no direct cast: enum to
-- another enum, enum to a domain, a domain to its base type and back, text
-- to an enum
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE feeling AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE DOMAIN short_text AS text CHECK (length(VALUE) < 20);
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE people (
    id integer PRIMARY KEY,
    m feeling,
    n short_text,
    label text,
    amount positive,
    status mood
);

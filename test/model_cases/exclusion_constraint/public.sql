-- test/model_cases/exclusion_constraint: the model of public, b.sql unchanged (its CREATE
-- EXTENSION of the extensions setup.sql installed are skipped).
CREATE EXTENSION btree_gist;

CREATE TABLE rooms (
    id integer PRIMARY KEY,
    name text NOT NULL,
    CONSTRAINT rooms_name_excl EXCLUDE USING btree (lower(name) WITH =)
);
CREATE TABLE bookings (
    id integer PRIMARY KEY,
    room_id integer NOT NULL REFERENCES rooms (id),
    during tstzrange NOT NULL,
    cancelled boolean NOT NULL DEFAULT false,
    CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
        WHERE (NOT cancelled) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE users (
    id integer PRIMARY KEY,
    name text NOT NULL,
    active boolean NOT NULL DEFAULT true
);
CREATE FUNCTION active_users() RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT count(*) FROM users WHERE active;
    END;

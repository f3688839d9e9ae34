-- a BEGIN ATOMIC body records dependencies on the columns it reads: the
-- column type change needs the function out of the way first
CREATE TABLE users (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    active smallint NOT NULL DEFAULT 1
);
CREATE FUNCTION active_users() RETURNS bigint
    LANGUAGE sql STABLE
    BEGIN ATOMIC
        SELECT count(*) FROM users WHERE active = 1;
    END;
CREATE FUNCTION user_name(uid bigint) RETURNS text
    LANGUAGE sql STABLE
    RETURN (SELECT name FROM users WHERE id = uid);

-- the function changes its argument type: the index over it must be
-- dropped before the function and rebuilt after
CREATE FUNCTION normalize_email(character varying) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT lower(trim($1))$$;

CREATE TABLE users (
    id integer PRIMARY KEY,
    email character varying(320) NOT NULL,
    name text
);
CREATE UNIQUE INDEX users_email_key ON users (normalize_email(email));
CREATE INDEX users_name_lower_idx ON users (lower(name), (length(name)));

CREATE FUNCTION normalize_email(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT lower(trim($1))$$;

CREATE TABLE users (
    id integer PRIMARY KEY,
    email text NOT NULL,
    name text
);
CREATE UNIQUE INDEX users_email_key ON users (normalize_email(email));
CREATE INDEX users_name_lower_idx ON users (lower(name));

CREATE TABLE sessions (
    token text PRIMARY KEY,
    user_id integer NOT NULL,
    expires_at timestamp with time zone NOT NULL
);
CREATE UNLOGGED TABLE cache_entries (
    key text PRIMARY KEY,
    value bytea
);

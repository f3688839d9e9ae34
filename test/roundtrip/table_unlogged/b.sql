CREATE UNLOGGED TABLE sessions (
    token text PRIMARY KEY,
    user_id integer NOT NULL,
    expires_at timestamp with time zone NOT NULL
);
CREATE TABLE cache_entries (
    key text PRIMARY KEY,
    value bytea
);

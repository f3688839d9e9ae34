CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL, kind text);

CREATE TABLE events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb
) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05);

CREATE TABLE counters (
    name text PRIMARY KEY,
    n bigint NOT NULL DEFAULT 0
);

CREATE INDEX events_kind_idx ON events (kind) WITH (fillfactor = 80);

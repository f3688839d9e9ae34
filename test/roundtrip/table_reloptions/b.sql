CREATE TABLE events (
    id bigint PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb
) WITH (fillfactor = 90, autovacuum_enabled = false, toast_tuple_target = 4080);

CREATE TABLE counters (
    name text PRIMARY KEY,
    n bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 50, autovacuum_analyze_threshold = 1000, toast.autovacuum_enabled = false);

CREATE INDEX events_kind_idx ON events (kind);

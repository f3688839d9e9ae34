CREATE TABLE events (
    tenant_id integer NOT NULL,
    happened_on date NOT NULL,
    kind text NOT NULL,
    data jsonb
) PARTITION BY HASH (tenant_id);
CREATE TABLE events_h0 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0)
    PARTITION BY RANGE (happened_on);
CREATE TABLE events_h0_2024 PARTITION OF events_h0 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_h0_rest PARTITION OF events_h0 DEFAULT;
CREATE TABLE events_h1 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1)
    PARTITION BY LIST (kind);
CREATE TABLE events_h1_click PARTITION OF events_h1 FOR VALUES IN ('click', 'tap');
CREATE TABLE events_h1_rest PARTITION OF events_h1 DEFAULT;
CREATE INDEX events_kind_idx ON events (kind);

CREATE TABLE events (
    tenant_id integer NOT NULL,
    happened_on date NOT NULL,
    kind text NOT NULL,
    data jsonb
) PARTITION BY HASH (tenant_id);
CREATE TABLE events_h0 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE events_h1 PARTITION OF events FOR VALUES WITH (MODULUS 2, REMAINDER 1);

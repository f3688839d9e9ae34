-- family 11 of issue 14: a partitioned table renamed (dropped, and created
-- under another name) with its partitions moved to the new one: the new
-- parent's primary key and index must be attached to the partitions' own
CREATE TABLE measurements (
    id integer NOT NULL,
    at date NOT NULL,
    v numeric,
    CONSTRAINT measurements_pkey PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX measurements_v_idx ON measurements (v);
CREATE TABLE m_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE m_2026 PARTITION OF measurements FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

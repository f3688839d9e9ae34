-- A primary key (with the partition key in it) added to a partitioned table: every partition gets its index.
CREATE TABLE log (id bigint NOT NULL, day date NOT NULL, msg text, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
CREATE TABLE log_2024 PARTITION OF log FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE log_2025 PARTITION OF log FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

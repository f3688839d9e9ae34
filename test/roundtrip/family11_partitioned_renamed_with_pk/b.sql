-- A partitioned table with a primary key renamed (dropped and created under another name) and its partitions moved (family 11 of issue 14).
CREATE TABLE events (id int NOT NULL, day date NOT NULL, PRIMARY KEY (id, day)) PARTITION BY RANGE (day);
CREATE TABLE ev_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

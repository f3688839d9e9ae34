-- A partition that lives in another schema than its parent.
CREATE SCHEMA archive;
CREATE TABLE logs (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE logs_2026 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE archive.logs_2024 PARTITION OF logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

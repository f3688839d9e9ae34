-- test/model_cases/partition_in_other_schema/archive.sql: the model of archive: its partition of public.logs.
CREATE TABLE logs_2024 PARTITION OF public.logs FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

-- test/model_cases/partition_in_other_schema/public.sql: the model of public: b.sql's statements of its objects.
CREATE TABLE logs (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE logs_2026 PARTITION OF logs FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

CREATE TABLE docs (tenant int NOT NULL, body text) PARTITION BY LIST (tenant);
CREATE TABLE docs_1 PARTITION OF docs FOR VALUES IN (1);

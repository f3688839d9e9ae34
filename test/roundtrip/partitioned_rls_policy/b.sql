-- Row level security and a policy on a partitioned table.
CREATE TABLE docs (tenant int NOT NULL, body text) PARTITION BY LIST (tenant);
CREATE TABLE docs_1 PARTITION OF docs FOR VALUES IN (1);
ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
CREATE POLICY docs_tenant ON docs USING (tenant = current_setting('app.tenant', true)::int);

CREATE TABLE acct (tenant int NOT NULL, email text NOT NULL, CONSTRAINT acct_tenant_email_key UNIQUE (tenant, email)) PARTITION BY LIST (tenant);
CREATE TABLE acct_1 PARTITION OF acct FOR VALUES IN (1);
CREATE TABLE acct_2 PARTITION OF acct FOR VALUES IN (2);

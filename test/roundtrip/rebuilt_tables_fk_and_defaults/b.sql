-- two tables rebuilt at once (both become partitioned) with a foreign key
-- between them, while their serial columns lose their defaults: no step
-- may alter the dropped tables' old columns, and the key is added once
CREATE TABLE accounts (id integer NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE accounts_eu PARTITION OF accounts FOR VALUES IN ('eu');
CREATE TABLE transfers (
    id bigint NOT NULL,
    account_id integer,
    region text,
    made_at date NOT NULL,
    amount numeric,
    PRIMARY KEY (id, made_at),
    FOREIGN KEY (account_id, region) REFERENCES accounts
) PARTITION BY RANGE (made_at);
CREATE TABLE transfers_2025 PARTITION OF transfers FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

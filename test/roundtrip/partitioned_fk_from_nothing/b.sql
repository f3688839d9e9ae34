-- a foreign key referencing a partitioned table's primary key, both tables
-- made from nothing: the key may be added only once the key index of every
-- partition is attached to the parent's (until then PostgreSQL finds no
-- unique constraint matching the referenced columns)
CREATE TABLE accounts (id integer NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE accounts_eu PARTITION OF accounts FOR VALUES IN ('eu');
CREATE TABLE accounts_us PARTITION OF accounts FOR VALUES IN ('us');
CREATE TABLE transfers (
    id bigint NOT NULL,
    account_id integer,
    region text,
    made_at date NOT NULL,
    PRIMARY KEY (id, made_at),
    FOREIGN KEY (account_id, region) REFERENCES accounts
) PARTITION BY RANGE (made_at);
CREATE TABLE transfers_2025 PARTITION OF transfers FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

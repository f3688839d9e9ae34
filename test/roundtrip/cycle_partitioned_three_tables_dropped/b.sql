-- A cycle of three tables through partitioned ones and a partition's own
-- foreign key: accounts (partitioned, sub-partitioned, referencing
-- itself) references events (partitioned), whose partition events_2024
-- references owners, which references accounts.  Dropped to nothing, the
-- keys that close the cycle go first (with the keys PostgreSQL made for
-- the partitions); created from nothing, the keys go after the
-- partitions' keys they need.
CREATE TABLE keep (id int);
CREATE TABLE accounts (
    id int NOT NULL,
    kind text NOT NULL,
    parent_id int,
    parent_kind text,
    last_event_id int,
    last_event_at date,
    PRIMARY KEY (id, kind)
) PARTITION BY LIST (kind);
CREATE TABLE accounts_a PARTITION OF accounts FOR VALUES IN ('a');
CREATE TABLE accounts_b PARTITION OF accounts FOR VALUES IN ('b', 'c')
    PARTITION BY LIST (kind);
CREATE TABLE accounts_b_only PARTITION OF accounts_b FOR VALUES IN ('b');
CREATE TABLE accounts_c_only PARTITION OF accounts_b FOR VALUES IN ('c');
ALTER TABLE accounts ADD CONSTRAINT accounts_parent_fkey
    FOREIGN KEY (parent_id, parent_kind) REFERENCES accounts (id, kind);
CREATE TABLE events (
    id int NOT NULL,
    at date NOT NULL,
    owner_id int,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2023 PARTITION OF events
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE events_2024 PARTITION OF events
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE owners (
    id int PRIMARY KEY,
    account_id int,
    account_kind text,
    FOREIGN KEY (account_id, account_kind) REFERENCES accounts (id, kind)
);
ALTER TABLE events_2024 ADD CONSTRAINT events_2024_owner_fkey
    FOREIGN KEY (owner_id) REFERENCES owners (id);
ALTER TABLE accounts ADD CONSTRAINT accounts_last_event_fkey
    FOREIGN KEY (last_event_id, last_event_at) REFERENCES events (id, at);

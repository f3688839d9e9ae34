CREATE TABLE entries (
    id integer PRIMARY KEY,
    ledger integer NOT NULL,
    posted_on date NOT NULL
);
CREATE INDEX entries_ledger_idx ON entries (ledger, posted_on);
ALTER TABLE entries CLUSTER ON entries_pkey;

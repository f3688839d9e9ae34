CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance numeric NOT NULL DEFAULT 0,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW active_accounts AS
    SELECT id, owner, balance, active FROM accounts WHERE active;
CREATE VIEW rich_accounts WITH (security_barrier) AS
    SELECT id, owner FROM accounts WHERE balance > 1000000;

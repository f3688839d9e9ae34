CREATE TABLE accounts (
    id integer PRIMARY KEY,
    owner text NOT NULL,
    balance numeric NOT NULL DEFAULT 0,
    active boolean NOT NULL DEFAULT true
);
CREATE VIEW active_accounts WITH (check_option = cascaded, security_invoker = true) AS
    SELECT id, owner, balance, active FROM accounts WHERE active;
ALTER VIEW active_accounts ALTER COLUMN active SET DEFAULT true;
ALTER VIEW active_accounts ALTER COLUMN balance SET DEFAULT 0;
CREATE VIEW rich_accounts AS
    SELECT id, owner FROM accounts WHERE balance > 1000000
    WITH LOCAL CHECK OPTION;
CREATE RECURSIVE VIEW countdown (n) AS
    SELECT 10 UNION ALL SELECT n - 1 FROM countdown WHERE n > 0;

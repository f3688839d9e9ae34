CREATE SCHEMA core;
CREATE SCHEMA crm;
CREATE TABLE core.accounts (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE crm.contacts (
    id integer PRIMARY KEY,
    account_id integer REFERENCES core.accounts (id),
    email text
);
CREATE VIEW crm.account_contacts AS
    SELECT a.name, c.email FROM core.accounts a JOIN crm.contacts c ON c.account_id = a.id;

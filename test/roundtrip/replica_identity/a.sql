CREATE TABLE accounts (
    id integer PRIMARY KEY,
    email text NOT NULL,
    CONSTRAINT accounts_email_key UNIQUE (email)
);
CREATE TABLE audit (
    at timestamp with time zone NOT NULL,
    line text
);
ALTER TABLE audit REPLICA IDENTITY FULL;

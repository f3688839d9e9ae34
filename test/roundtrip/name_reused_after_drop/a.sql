CREATE TABLE old_accounts (id integer, email text);
CREATE UNIQUE INDEX accounts_email_idx ON old_accounts (email);
ALTER TABLE old_accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

-- index and constraint names of a dropped table reused by a new table: the
-- new ones can only be created after the drop
CREATE TABLE accounts (id integer, email text);
CREATE UNIQUE INDEX accounts_email_idx ON accounts (email);
ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

-- A foreign key from a plain table to a partitioned table's primary key.
CREATE TABLE accounts (id int NOT NULL, region text NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE accounts_eu PARTITION OF accounts FOR VALUES IN ('eu');
CREATE TABLE payments (id int PRIMARY KEY, account_id int, region text,
  CONSTRAINT payments_account_fk FOREIGN KEY (account_id, region) REFERENCES accounts (id, region));

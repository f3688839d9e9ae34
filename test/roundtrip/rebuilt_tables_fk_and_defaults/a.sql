CREATE TABLE accounts (id serial PRIMARY KEY, region text NOT NULL);
CREATE TABLE transfers (
    id bigserial,
    account_id integer REFERENCES accounts,
    made_at date NOT NULL,
    amount numeric,
    PRIMARY KEY (id)
);

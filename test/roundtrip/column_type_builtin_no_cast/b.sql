-- column types changed between built-in types without a cast: uuid to
-- bigint (no conversion: the column is dropped and added, data_loss),
-- bigint to jsonb and boolean to jsonb (through text), timestamptz to date
-- (a cast exists)
CREATE TABLE events (
    id bigint PRIMARY KEY,
    ref bigint,
    payload jsonb,
    flag jsonb,
    at date
);

-- a new label and a partition for it (a new enum value cannot be used in
-- the transaction that adds it)
CREATE TYPE region AS ENUM ('eu', 'apac', 'us');

CREATE TABLE customers (
    id bigint NOT NULL,
    region region NOT NULL DEFAULT 'eu',
    name text NOT NULL,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);

CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('eu');
CREATE TABLE customers_apac PARTITION OF customers FOR VALUES IN ('apac');
CREATE TABLE customers_us PARTITION OF customers FOR VALUES IN ('us');

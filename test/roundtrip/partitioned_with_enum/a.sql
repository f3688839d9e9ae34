CREATE TYPE region AS ENUM ('eu', 'us');

CREATE TABLE customers (
    id bigint NOT NULL,
    region region NOT NULL,
    name text NOT NULL,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);

CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('eu');
CREATE TABLE customers_us PARTITION OF customers FOR VALUES IN ('us');

CREATE TABLE prices (
    sku text NOT NULL,
    valid_from date NOT NULL,
    amount numeric(10,2) NOT NULL
) PARTITION BY RANGE (valid_from);
CREATE TABLE prices_h1 PARTITION OF prices FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE prices_h2 PARTITION OF prices FOR VALUES FROM ('2024-04-01') TO ('2025-01-01');

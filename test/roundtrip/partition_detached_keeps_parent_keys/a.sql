CREATE TABLE regions (id integer PRIMARY KEY);
CREATE TABLE sales (
    id integer NOT NULL,
    region_id integer REFERENCES regions,
    at date NOT NULL,
    CONSTRAINT sales_at_check CHECK (at > '2000-01-01')
) PARTITION BY RANGE (at);
CREATE TABLE sales_2025 PARTITION OF sales FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

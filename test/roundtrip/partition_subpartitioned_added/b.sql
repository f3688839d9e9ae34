-- A partition that is itself partitioned is added.
CREATE TABLE sales (region text NOT NULL, day date NOT NULL, amount numeric) PARTITION BY LIST (region);
CREATE TABLE sales_eu PARTITION OF sales FOR VALUES IN ('eu');
CREATE TABLE sales_us PARTITION OF sales FOR VALUES IN ('us') PARTITION BY RANGE (day);
CREATE TABLE sales_us_2025 PARTITION OF sales_us FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE sales_us_2026 PARTITION OF sales_us FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');

-- A foreign key declared on a partitioned table to a plain table.
CREATE TABLE customers (id int PRIMARY KEY);
CREATE TABLE orders (id int NOT NULL, customer_id int REFERENCES customers ON DELETE CASCADE, day date NOT NULL) PARTITION BY RANGE (day);
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

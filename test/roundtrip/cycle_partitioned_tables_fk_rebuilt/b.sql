-- Two partitioned tables whose foreign keys reference each other, both
-- rebuilt (partitioned by range instead of list: dropped and created again,
-- rows kept) while the tables around them (customers, audit) stay and
-- reference them.
CREATE TABLE customers (id int PRIMARY KEY, first_order_id int, first_order_region int);
CREATE TABLE orders (
    id int NOT NULL,
    region int NOT NULL,
    customer_id int REFERENCES customers,
    last_line_id int,
    last_line_region int,
    PRIMARY KEY (id, region)
) PARTITION BY RANGE (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES FROM (1) TO (2);
CREATE TABLE orders_us PARTITION OF orders FOR VALUES FROM (2) TO (3);
CREATE TABLE lines (
    id int NOT NULL,
    region int NOT NULL,
    order_id int,
    PRIMARY KEY (id, region),
    FOREIGN KEY (order_id, region) REFERENCES orders (id, region)
) PARTITION BY RANGE (region);
CREATE TABLE lines_eu PARTITION OF lines FOR VALUES FROM (1) TO (2);
CREATE TABLE lines_us PARTITION OF lines FOR VALUES FROM (2) TO (3)
    PARTITION BY RANGE (id);
CREATE TABLE lines_us_low PARTITION OF lines_us FOR VALUES FROM (0) TO (1000);
ALTER TABLE orders ADD CONSTRAINT orders_last_line_fkey
    FOREIGN KEY (last_line_id, last_line_region) REFERENCES lines (id, region);
ALTER TABLE customers ADD CONSTRAINT customers_first_order_fkey
    FOREIGN KEY (first_order_id, first_order_region) REFERENCES orders (id, region);
CREATE TABLE audit (line_id int, line_region int,
    FOREIGN KEY (line_id, line_region) REFERENCES lines (id, region));

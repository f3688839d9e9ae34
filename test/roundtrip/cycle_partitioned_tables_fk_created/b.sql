-- Two partitioned tables whose foreign keys reference each other (with
-- their partitions): created from nothing, the keys go after both tables
-- and after the partitions' keys; dropped to nothing, the keys of the
-- cycle go first.
CREATE TABLE orders (
    id int NOT NULL,
    region int NOT NULL,
    last_line_id int,
    last_line_region int,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE orders_eu PARTITION OF orders FOR VALUES IN (1);
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN (2);
CREATE TABLE lines (
    id int NOT NULL,
    region int NOT NULL,
    order_id int,
    PRIMARY KEY (id, region),
    FOREIGN KEY (order_id, region) REFERENCES orders (id, region)
) PARTITION BY LIST (region);
CREATE TABLE lines_eu PARTITION OF lines FOR VALUES IN (1);
CREATE TABLE lines_us PARTITION OF lines FOR VALUES IN (2)
    PARTITION BY RANGE (id);
CREATE TABLE lines_us_low PARTITION OF lines_us FOR VALUES FROM (0) TO (1000);
ALTER TABLE orders ADD CONSTRAINT orders_last_line_fkey
    FOREIGN KEY (last_line_id, last_line_region) REFERENCES lines (id, region);

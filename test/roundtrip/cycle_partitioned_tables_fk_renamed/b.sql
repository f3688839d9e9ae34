-- Two partitioned tables whose foreign keys reference each other, both
-- renamed (dropped and created under new names, their partitions too)
-- while the tables around them (customers, audit) stay and reference
-- them: the cycle's keys go first both ways, the kept tables' keys are
-- dropped before and created after.
CREATE TABLE customers (id int PRIMARY KEY, first_order_id int, first_order_region int);
CREATE TABLE purchases (
    id int NOT NULL,
    region int NOT NULL,
    customer_id int REFERENCES customers,
    last_line_id int,
    last_line_region int,
    PRIMARY KEY (id, region)
) PARTITION BY LIST (region);
CREATE TABLE purchases_eu PARTITION OF purchases FOR VALUES IN (1);
CREATE TABLE purchases_us PARTITION OF purchases FOR VALUES IN (2);
CREATE TABLE purchase_lines (
    id int NOT NULL,
    region int NOT NULL,
    order_id int,
    PRIMARY KEY (id, region),
    FOREIGN KEY (order_id, region) REFERENCES purchases (id, region)
) PARTITION BY LIST (region);
CREATE TABLE purchase_lines_eu PARTITION OF purchase_lines FOR VALUES IN (1);
CREATE TABLE purchase_lines_us PARTITION OF purchase_lines FOR VALUES IN (2)
    PARTITION BY RANGE (id);
CREATE TABLE purchase_lines_us_low PARTITION OF purchase_lines_us FOR VALUES FROM (0) TO (1000);
ALTER TABLE purchases ADD CONSTRAINT purchases_last_line_fkey
    FOREIGN KEY (last_line_id, last_line_region) REFERENCES purchase_lines (id, region);
ALTER TABLE customers ADD CONSTRAINT customers_first_order_fkey
    FOREIGN KEY (first_order_id, first_order_region) REFERENCES purchases (id, region);
CREATE TABLE audit (line_id int, line_region int,
    FOREIGN KEY (line_id, line_region) REFERENCES purchase_lines (id, region));

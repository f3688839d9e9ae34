-- a table attached as a partition of a parent that gains a column it lacks
-- (the column first, then ATTACH); a partition detached keeps the parent's
-- CHECK and foreign key as its own, and the parent goes
CREATE TABLE measurements (id integer NOT NULL, at date NOT NULL, value numeric) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 PARTITION OF measurements FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE orders (id integer PRIMARY KEY);
CREATE TABLE order_lines_0 (order_id integer NOT NULL, n integer NOT NULL, qty integer,
    CONSTRAINT order_lines_qty_check CHECK (qty > 0),
    CONSTRAINT order_lines_order_fkey FOREIGN KEY (order_id) REFERENCES orders);
CREATE TABLE order_lines_1 (order_id integer NOT NULL, n integer NOT NULL, qty integer);

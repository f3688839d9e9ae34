CREATE TABLE measurements (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE measurements_2025 (id integer NOT NULL, at date NOT NULL);
CREATE TABLE orders (id integer PRIMARY KEY);
CREATE TABLE order_lines (order_id integer NOT NULL, n integer NOT NULL, qty integer) PARTITION BY HASH (order_id);
CREATE TABLE order_lines_0 PARTITION OF order_lines FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE order_lines_1 PARTITION OF order_lines FOR VALUES WITH (MODULUS 2, REMAINDER 1);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_qty_check CHECK (qty > 0);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fkey FOREIGN KEY (order_id) REFERENCES orders;

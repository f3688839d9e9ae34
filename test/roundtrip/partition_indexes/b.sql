-- indexes and a primary key on the parent (cloned on every partition), an
-- index of one partition only, and a partition index built first and
-- attached to the parent's index
CREATE TABLE orders (
    id bigint NOT NULL,
    shop_id integer NOT NULL,
    ordered_on date NOT NULL,
    total numeric(12,2),
    PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);

CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE INDEX orders_shop_id_idx ON orders (shop_id, ordered_on);
CREATE INDEX orders_total_idx ON ONLY orders (total);
CREATE INDEX orders_2024_total_idx ON orders_2024 (total);
ALTER INDEX orders_total_idx ATTACH PARTITION orders_2024_total_idx;
CREATE INDEX orders_2025_total_idx ON orders_2025 (total);
ALTER INDEX orders_total_idx ATTACH PARTITION orders_2025_total_idx;
CREATE INDEX orders_2025_big_idx ON orders_2025 (total) WHERE total > 1000;

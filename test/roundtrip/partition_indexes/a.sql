CREATE TABLE orders (
    id bigint NOT NULL,
    shop_id integer NOT NULL,
    ordered_on date NOT NULL,
    total numeric(12,2)
) PARTITION BY RANGE (ordered_on);

CREATE TABLE orders_2024 PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE INDEX orders_shop_id_idx ON orders (shop_id);

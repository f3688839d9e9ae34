CREATE TABLE sales (
    id bigint PRIMARY KEY,
    region text NOT NULL,
    sold_on date NOT NULL,
    amount numeric(12,2) NOT NULL
);
CREATE MATERIALIZED VIEW sales_by_region AS
    SELECT region, sum(amount) AS total FROM sales GROUP BY region;
CREATE UNIQUE INDEX sales_by_region_region_idx ON sales_by_region (region);

CREATE TABLE hits (
    url text NOT NULL,
    at timestamp with time zone NOT NULL
);
CREATE MATERIALIZED VIEW hits_per_url AS
    SELECT url, count(*) AS n FROM hits GROUP BY url
    WITH NO DATA;
CREATE MATERIALIZED VIEW recent_hits AS
    SELECT url, at FROM hits WHERE at > '2025-01-01';

-- the same definitions; populated and not populated swap (REFRESH, or
-- rebuild WITH NO DATA)
CREATE TABLE hits (
    url text NOT NULL,
    at timestamp with time zone NOT NULL
);
CREATE MATERIALIZED VIEW hits_per_url AS
    SELECT url, count(*) AS n FROM hits GROUP BY url;
CREATE MATERIALIZED VIEW recent_hits AS
    SELECT url, at FROM hits WHERE at > '2025-01-01'
    WITH NO DATA;

CREATE TABLE page_views (
    id bigint GENERATED ALWAYS AS IDENTITY,
    viewed_at timestamp with time zone NOT NULL DEFAULT now(),
    path text NOT NULL,
    PRIMARY KEY (id, viewed_at)
) PARTITION BY RANGE (viewed_at);
CREATE TABLE page_views_2025 PARTITION OF page_views
    FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00');
CREATE TABLE page_views_default PARTITION OF page_views DEFAULT;
CREATE INDEX page_views_path_idx ON page_views (path);
CREATE VIEW popular_pages AS
    SELECT path, count(*) AS views FROM page_views GROUP BY path;

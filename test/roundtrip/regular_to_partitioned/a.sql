CREATE TABLE page_views (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    viewed_at timestamp with time zone NOT NULL DEFAULT now(),
    path text NOT NULL
);
CREATE INDEX page_views_path_idx ON page_views (path);
CREATE VIEW popular_pages AS
    SELECT path, count(*) AS views FROM page_views GROUP BY path;

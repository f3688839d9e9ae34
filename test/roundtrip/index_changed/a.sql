CREATE TABLE visits (
    id bigint PRIMARY KEY,
    visitor text,
    page text,
    at timestamp with time zone
);
CREATE INDEX visits_lookup_idx ON visits (visitor);
CREATE INDEX visits_at_idx ON visits (at);
CREATE UNIQUE INDEX visits_visitor_page_idx ON visits (visitor, page);

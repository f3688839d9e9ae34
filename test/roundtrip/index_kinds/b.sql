CREATE TABLE posts (
    id bigint PRIMARY KEY,
    author text NOT NULL,
    title text NOT NULL,
    body text,
    tags text[],
    created_at timestamp with time zone NOT NULL,
    location point,
    score integer,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX posts_author_idx ON posts USING hash (author);
CREATE INDEX posts_title_pattern_idx ON posts (title text_pattern_ops);
CREATE INDEX posts_tags_idx ON posts USING gin (tags);
CREATE INDEX posts_body_fts_idx ON posts USING gin (to_tsvector('english'::regconfig, body));
CREATE INDEX posts_location_idx ON posts USING gist (location);
CREATE INDEX posts_created_at_brin_idx ON posts USING brin (created_at) WITH (pages_per_range = 32);
CREATE INDEX posts_live_score_idx ON posts (score DESC NULLS LAST, created_at) WHERE NOT deleted;
CREATE INDEX posts_author_cover_idx ON posts (author) INCLUDE (title, score);
CREATE UNIQUE INDEX posts_author_title_key ON posts (author, lower(title)) WHERE NOT deleted;
CREATE INDEX posts_title_c_idx ON posts (title COLLATE "C" DESC);
CREATE INDEX posts_score_idx ON posts (score) WITH (fillfactor = 70, deduplicate_items = off);

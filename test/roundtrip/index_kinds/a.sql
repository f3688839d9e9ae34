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
CREATE INDEX posts_author_idx ON posts (author);

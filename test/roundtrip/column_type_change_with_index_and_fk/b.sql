-- integer to bigint on both sides of two foreign keys, under indexes
CREATE TABLE users (
    id bigint PRIMARY KEY,
    referrer_id bigint REFERENCES users (id)
);
CREATE TABLE posts (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    score numeric
);
CREATE INDEX posts_user_score_idx ON posts (user_id, score DESC);
CREATE INDEX posts_positive_idx ON posts (id) WHERE score > 0;

CREATE TABLE users (
    id integer PRIMARY KEY,
    referrer_id integer REFERENCES users (id)
);
CREATE TABLE posts (
    id integer PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users (id),
    score integer
);
CREATE INDEX posts_user_score_idx ON posts (user_id, score DESC);
CREATE INDEX posts_positive_idx ON posts (id) WHERE score > 0;

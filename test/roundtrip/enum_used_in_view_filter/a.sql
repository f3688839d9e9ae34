CREATE TYPE state AS ENUM ('draft', 'live');
CREATE TABLE posts (id int, s state);
CREATE VIEW live_posts AS SELECT id FROM posts WHERE s = 'live';

-- A view filters on an enum label; a label is added after it.
CREATE TYPE state AS ENUM ('draft', 'live', 'hidden');
CREATE TABLE posts (id int, s state);
CREATE VIEW live_posts AS SELECT id FROM posts WHERE s = 'live';

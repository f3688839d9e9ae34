CREATE TABLE posts (id integer PRIMARY KEY, author text, slug text);
CREATE INDEX by_author ON posts (author);
CREATE UNIQUE INDEX by_slug ON posts (slug);
CREATE TABLE pages (id integer PRIMARY KEY, author text, slug text);

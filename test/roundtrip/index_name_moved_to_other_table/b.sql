-- index names freed on one table and taken by another that stays: each
-- new index only after the old one of that name is dropped
CREATE TABLE posts (id integer PRIMARY KEY, author text, slug text);
CREATE TABLE pages (id integer PRIMARY KEY, author text, slug text);
CREATE INDEX by_author ON pages (author);
CREATE UNIQUE INDEX by_slug ON pages (slug);

-- the primary key the view relies on changes: the view, and the foreign
-- key, must go before the key and come back after it
CREATE TABLE authors (
    id integer NOT NULL,
    name text NOT NULL,
    CONSTRAINT authors_pkey PRIMARY KEY (id) INCLUDE (name)
);
CREATE TABLE posts (
    id integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id)
);
CREATE VIEW author_post_counts AS
    SELECT a.id, a.name, count(p.id) AS posts
      FROM authors a LEFT JOIN posts p ON p.author_id = a.id
     GROUP BY a.id;

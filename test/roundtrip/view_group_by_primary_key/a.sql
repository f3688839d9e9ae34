CREATE TABLE authors (
    id integer NOT NULL,
    name text NOT NULL,
    CONSTRAINT authors_pkey PRIMARY KEY (id)
);
CREATE TABLE posts (
    id integer PRIMARY KEY,
    author_id integer NOT NULL REFERENCES authors (id)
);
-- a.name is allowed without GROUP BY because it depends functionally on
-- the primary key: the view depends on the constraint authors_pkey
CREATE VIEW author_post_counts AS
    SELECT a.id, a.name, count(p.id) AS posts
      FROM authors a LEFT JOIN posts p ON p.author_id = a.id
     GROUP BY a.id;

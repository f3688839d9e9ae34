CREATE TABLE authors (
    id serial PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE books (
    id bigserial PRIMARY KEY,
    author_id integer REFERENCES authors (id),
    title text NOT NULL
);

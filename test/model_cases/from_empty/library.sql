-- test/model_cases/from_empty/library.sql: the model of schema library: the statements of
-- test/roundtrip/from_empty/b.sql that define objects of library, in b.sql's order,
-- with "library." left out of the names of library's own objects (function
-- bodies are kept as written: they are text), and b.sql's COMMENT ON SCHEMA
-- library, which sets the comment of the model's schema.  Nothing else is
-- changed.  The schema does not exist when the model is set.
COMMENT ON SCHEMA library IS 'A small library';
CREATE TYPE format AS ENUM ('hardcover', 'paperback', 'ebook', 'audio');
CREATE DOMAIN isbn AS text CHECK (VALUE ~ '^[0-9]{13}$');
CREATE TABLE authors (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    born date
);
CREATE TABLE books (
    isbn isbn PRIMARY KEY,
    title text NOT NULL,
    format format NOT NULL DEFAULT 'paperback',
    published integer CHECK (published > 1450)
);
CREATE TABLE book_authors (
    isbn isbn REFERENCES books ON DELETE CASCADE,
    author_id integer REFERENCES authors ON DELETE RESTRICT,
    position smallint NOT NULL DEFAULT 1,
    PRIMARY KEY (isbn, author_id)
);
CREATE INDEX book_authors_author_idx ON book_authors (author_id);
CREATE VIEW bibliography AS
    SELECT a.name, b.title, b.published
      FROM authors a
      JOIN book_authors ba ON ba.author_id = a.id
      JOIN books b ON b.isbn = ba.isbn;

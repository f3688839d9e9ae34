CREATE SCHEMA library;
CREATE TYPE library.format AS ENUM ('hardcover', 'paperback', 'ebook', 'audio');
CREATE DOMAIN library.isbn AS text CHECK (VALUE ~ '^[0-9]{13}$');
CREATE TABLE library.authors (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL,
    born date
);
CREATE TABLE library.books (
    isbn library.isbn PRIMARY KEY,
    title text NOT NULL,
    format library.format NOT NULL DEFAULT 'paperback',
    published integer CHECK (published > 1450)
);
CREATE TABLE library.book_authors (
    isbn library.isbn REFERENCES library.books ON DELETE CASCADE,
    author_id integer REFERENCES library.authors ON DELETE RESTRICT,
    position smallint NOT NULL DEFAULT 1,
    PRIMARY KEY (isbn, author_id)
);
CREATE INDEX book_authors_author_idx ON library.book_authors (author_id);
CREATE VIEW library.bibliography AS
    SELECT a.name, b.title, b.published
      FROM library.authors a
      JOIN library.book_authors ba ON ba.author_id = a.id
      JOIN library.books b ON b.isbn = ba.isbn;
COMMENT ON SCHEMA library IS 'A small library';

CREATE COLLATION german (provider = icu, locale = 'de-DE');
CREATE COLLATION c_utf8 (provider = libc, locale = 'C.utf8');
CREATE TABLE names (
    id integer PRIMARY KEY,
    name text COLLATE german,
    raw text COLLATE c_utf8
);
CREATE INDEX names_name_idx ON names (name);

-- a collation changes its definition (rebuilt with the columns and index
-- that use it), one is added (nondeterministic), one is dropped
CREATE COLLATION german (provider = icu, locale = 'de-DE-u-co-phonebk');
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION posix_copy FROM "POSIX";
CREATE TABLE names (
    id integer PRIMARY KEY,
    name text COLLATE german,
    raw text,
    login text COLLATE case_insensitive UNIQUE,
    code character varying(10) COLLATE posix_copy
);
CREATE INDEX names_name_idx ON names (name);
CREATE INDEX names_name_ci_idx ON names (name COLLATE case_insensitive);

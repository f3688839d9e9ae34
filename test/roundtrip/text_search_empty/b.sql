-- A configuration and dictionary in public out of nothing, used by an index.
CREATE TEXT SEARCH DICTIONARY english_nostop (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION app_english (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION app_english ALTER MAPPING FOR asciiword WITH english_nostop;
CREATE TABLE notes (body text);
CREATE INDEX notes_body ON notes USING gin (to_tsvector('app_english'::regconfig, body));

-- A text search template, dictionaries (one on the template, one with
-- options), configurations with their mappings, and an index and a
-- generated column that use a configuration.
CREATE SCHEMA search;
CREATE TEXT SEARCH TEMPLATE search.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY search.plain_dict (TEMPLATE = search.plain);
CREATE TEXT SEARCH DICTIONARY search.en_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH DICTIONARY search.simple_stop (TEMPLATE = simple, StopWords = english, Accept = false);
CREATE TEXT SEARCH CONFIGURATION search.docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION search.docs ALTER MAPPING FOR asciiword, word WITH search.simple_stop, search.en_stem;
ALTER TEXT SEARCH CONFIGURATION search.docs DROP MAPPING FOR url;
COMMENT ON TEXT SEARCH CONFIGURATION search.docs IS 'documents';
CREATE TEXT SEARCH CONFIGURATION search.titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION search.titles ADD MAPPING FOR asciiword WITH search.plain_dict;
CREATE TABLE search.pages (id integer PRIMARY KEY, body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('search.docs', body)) STORED);
CREATE INDEX pages_body ON search.pages USING gin (to_tsvector('search.titles'::regconfig, body));

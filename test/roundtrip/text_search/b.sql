-- The docs configuration's mappings changed in place, en_stem's options
-- changed (made again, with the configuration and the column that use
-- it), titles' parser mapping widened, plain_dict gone.
CREATE SCHEMA search;
CREATE TEXT SEARCH TEMPLATE search.plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY search.en_stem (TEMPLATE = snowball, Language = english, StopWords = english);
CREATE TEXT SEARCH DICTIONARY search.simple_stop (TEMPLATE = simple, StopWords = english, Accept = false);
CREATE TEXT SEARCH CONFIGURATION search.docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION search.docs ALTER MAPPING FOR asciiword WITH search.en_stem;
ALTER TEXT SEARCH CONFIGURATION search.docs DROP MAPPING FOR email;
COMMENT ON TEXT SEARCH CONFIGURATION search.docs IS 'documents';
CREATE TEXT SEARCH CONFIGURATION search.titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION search.titles ADD MAPPING FOR asciiword, word WITH simple;
CREATE TABLE search.pages (id integer PRIMARY KEY, body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('search.docs', body)) STORED);
CREATE INDEX pages_body ON search.pages USING gin (to_tsvector('search.titles'::regconfig, body));

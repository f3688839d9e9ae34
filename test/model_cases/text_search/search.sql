-- test/model_cases/text_search/search.sql: the model of schema search: the statements of
-- test/roundtrip/text_search/b.sql that define objects of search, in b.sql's order,
-- with "search." (and OPERATOR(search.op)) left out of the names of search's own
-- objects (function bodies are kept as written: they are text), and from the
-- configurations named in string literals.  Nothing else is changed.
CREATE TEXT SEARCH TEMPLATE plain (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY en_stem (TEMPLATE = snowball, Language = english, StopWords = english);
CREATE TEXT SEARCH DICTIONARY simple_stop (TEMPLATE = simple, StopWords = english, Accept = false);
CREATE TEXT SEARCH CONFIGURATION docs (COPY = english);
ALTER TEXT SEARCH CONFIGURATION docs ALTER MAPPING FOR asciiword WITH en_stem;
ALTER TEXT SEARCH CONFIGURATION docs DROP MAPPING FOR email;
COMMENT ON TEXT SEARCH CONFIGURATION docs IS 'documents';
CREATE TEXT SEARCH CONFIGURATION titles (PARSER = default);
ALTER TEXT SEARCH CONFIGURATION titles ADD MAPPING FOR asciiword, word WITH simple;
CREATE TABLE pages (id integer PRIMARY KEY, body text,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('docs', body)) STORED);
CREATE INDEX pages_body ON pages USING gin (to_tsvector('titles'::regconfig, body));

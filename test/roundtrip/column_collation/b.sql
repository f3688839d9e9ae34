CREATE TABLE words (
    id integer PRIMARY KEY,
    word text COLLATE "C" NOT NULL,
    sort_key text,
    label character varying(40) COLLATE "und-x-icu"
);
CREATE INDEX words_word_idx ON words (word);
CREATE INDEX words_word_c_idx ON words (word COLLATE "POSIX");

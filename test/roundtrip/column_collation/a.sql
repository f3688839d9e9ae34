CREATE TABLE words (
    id integer PRIMARY KEY,
    word text NOT NULL,
    sort_key text COLLATE "C",
    label character varying(40) COLLATE "POSIX"
);
CREATE INDEX words_word_idx ON words (word);
CREATE INDEX words_word_c_idx ON words (word COLLATE "C");
